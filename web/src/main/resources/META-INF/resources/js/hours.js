// RuralAtlas pages: OpenStreetMap opening_hours in plain words, in the page's language, for the
// common forms the data carries: "24/7", and rules "<days> <times>" or "<days> off" separated by
// ";", days as Mo–Su lists and ranges ("Mo-Fr", "Sa,Su"), times as "08:00-17:00" lists. Anything
// else (public holidays, months, sunrise…) is not guessed at: null, and the page shows the raw text.
import { language } from './i18n.js';

const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const NAMES = {
  vi: { days: ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'], every: 'Hằng ngày', to: ' đến ',
    always: 'Mở cửa cả ngày, mọi ngày', closed: 'đóng cửa', and: ', ' },
  en: { days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'], every: 'Every day', to: ' to ',
    always: 'Open 24 hours, every day', closed: 'closed', and: ', ' }
};
const TIME = /^([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

function days(spec, w) {
  if (spec === 'Mo-Su') { return w.every; }
  const parts = spec.split(',').map((part) => {
    const range = part.split('-');
    if (!range.every((d) => DAYS.includes(d)) || range.length > 2) { return null; }
    return range.length === 2 ? w.days[DAYS.indexOf(range[0])] + w.to + w.days[DAYS.indexOf(range[1])] : w.days[DAYS.indexOf(range[0])];
  });
  return parts.includes(null) ? null : parts.join(w.and);
}

function times(spec, w) {
  if (spec === 'off' || spec === 'closed') { return w.closed; }
  const parts = spec.split(',').map((range) => {
    const m = TIME.exec(range.trim());
    return m ? m[1] + ':' + m[2] + '–' + m[3] + ':' + m[4] : null;
  });
  return parts.includes(null) ? null : parts.join(w.and);
}

/** The opening hours in words in the current language, or null when the form is not a common one. */
export function openingHours(raw) {
  if (typeof raw !== 'string' || !raw.trim()) { return null; }
  const w = NAMES[language()] || NAMES.vi;
  const text = raw.trim();
  if (text === '24/7') { return w.always; }
  const rules = text.split(';').map((rule) => {
    const m = /^([A-Za-z,-]+)\s+(.+)$/.exec(rule.trim());
    if (!m) {
      const onlyTimes = times(rule.trim(), w); // "08:00-17:00" alone: every day
      return onlyTimes ? w.every + ': ' + onlyTimes : null;
    }
    const d = days(m[1], w);
    const h = times(m[2], w);
    return d && h ? d + ': ' + h : null;
  });
  return rules.includes(null) ? null : rules.join('; ');
}
