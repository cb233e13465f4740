// RuralAtlas viewer: the NTM programme in a commune's panel (criteria, pre-2025 history, citizen
// satisfaction and its survey, growing areas), from /ntm/communes/{code} and the history endpoint.
// It plugs into the panel through RuralAtlas.addPanelSection, so panels.js knows nothing of NTM.
(function () {
  'use strict';
  var RA = window.RuralAtlas;
  var WORDS = {
    vi: {
      criteria: 'Tiêu chí nông thôn mới', met: 'đạt', notmet: 'chưa đạt', unknown: 'chưa rõ', digital: 'chuyển đổi số',
      satisfaction: 'Sự hài lòng của người dân', responses: '{n} ý kiến, {period}', noresponses: 'Chưa có ý kiến trong {period}.',
      survey: 'Đánh giá xã của bạn', planner: 'Mở trong trang quy hoạch', history: 'Trước sáp nhập 2025',
      predecessors: 'Được lập từ {n} đơn vị cũ', recognitions: 'Công nhận của đơn vị cũ', derived: 'Tỷ lệ suy ra (không phải công nhận): {p} % đơn vị cũ đã đạt NTM',
      none: 'Không có công nhận nào được ghi nhận.', zones: 'Vùng trồng', trace: 'Truy xuất', historypage: 'Xem chi tiết lịch sử'
    },
    en: {
      criteria: 'NTM criteria', met: 'met', notmet: 'not met', unknown: 'unknown', digital: 'digital transformation',
      satisfaction: 'Residents\u2019 satisfaction', responses: '{n} responses, {period}', noresponses: 'No responses yet in {period}.',
      survey: 'Rate your commune', planner: 'Open in the planner', history: 'Before the 2025 merger',
      predecessors: 'Made from {n} former units', recognitions: 'Recognitions of the former units', derived: 'Derived share (not a recognition): {p} % of former units had reached NTM',
      none: 'No recognition on record.', zones: 'Growing areas', trace: 'Trace', historypage: 'Full history'
    }
  };
  function w(api, key, values) {
    var s = (WORDS[api.lang] || WORDS.vi)[key];
    Object.keys(values || {}).forEach(function (k) { s = s.replace('{' + k + '}', values[k]); });
    return s;
  }
  function link(api, href, text) { return api.el('a', { href: href, text: text }); }

  RA.addPanelSection('communes', function (feature, api) {
    var code = feature.properties && feature.properties.code;
    if (!code || feature.properties.valid_to) { return null; }
    return api.getJson('ntm/communes/' + encodeURIComponent(code) + '?f=json').then(function (c) {
      if (c.criteria && c.criteria.length) {
        var s = api.section(w(api, 'criteria'));
        var list = api.el('ul', { class: 'ntm-criteria' });
        c.criteria.forEach(function (k) {
          var state = k.met === true ? 'met' : k.met === false ? 'notmet' : 'unknown';
          var item = api.el('li', { class: 'criterion ' + state + (String(k.number).indexOf('.') > 0 ? ' indicator' : '') }, [
            api.el('span', { class: 'mark', 'aria-hidden': 'true', text: state === 'met' ? '✓' : state === 'notmet' ? '✗' : '?' }),
            api.el('span', { text: k.number + '. ' + (api.lang === 'en' ? k.name_en : k.name_vi) + (k.is_digital ? ' (' + w(api, 'digital') + ')' : '') }),
            api.el('span', { class: 'sr-only', text: ' — ' + w(api, state) })
          ]);
          list.appendChild(item);
        });
        s.appendChild(list);
      }
      var survey = (c.links || []).filter(function (l) { return /\/ntm\/survey\//.test(l.href); })[0];
      if (c.satisfaction || survey) {
        var sat = api.section(w(api, 'satisfaction'));
        if (c.satisfaction && c.satisfaction.responses > 0) {
          sat.appendChild(api.el('p', { class: 'satisfaction', text: c.satisfaction.satisfaction_pct + ' % · '
            + w(api, 'responses', { n: c.satisfaction.responses, period: c.satisfaction.period }) }));
        } else if (c.satisfaction) {
          sat.appendChild(api.el('p', { text: w(api, 'noresponses', { period: c.satisfaction.period }) }));
        }
        if (survey) { sat.appendChild(api.el('p', {}, [link(api, survey.href, w(api, 'survey'))])); }
      }
      if (c.growing_areas && c.growing_areas.length) {
        var z = api.section(w(api, 'zones'));
        var zl = api.el('ul');
        c.growing_areas.forEach(function (g) {
          zl.appendChild(api.el('li', {}, [api.el('span', { text: g.name + ' ' }), link(api, g.trace, w(api, 'trace') + ' ' + g.growing_area_code)]));
        });
        z.appendChild(zl);
      }
      var planner = (c.links || []).filter(function (l) { return /planner\.html/.test(l.href); })[0];
      if (planner) { api.section('').appendChild(link(api, planner.href, w(api, 'planner'))); }
      if (!c.predecessors) { return null; }
      return api.getJson('collections/communes/items/' + encodeURIComponent(c.unit_id) + '/history?f=json').then(function (h) {
        var hs = api.section(w(api, 'history'));
        hs.appendChild(api.el('p', { text: w(api, 'predecessors', { n: h.predecessors.length }) }));
        var held = [];
        h.predecessors.forEach(function (p) {
          (p.recognitions || []).forEach(function (r) { held.push(p.old_name + ': ' + (r.ntm_level || '') + (r.year ? ' (' + r.year + ')' : '') + (r.remark ? ' — ' + r.remark : '')); });
        });
        (h.other_recognitions || []).forEach(function (r) { held.push(r.old_commune + ': ' + (r.ntm_level || '') + (r.year ? ' (' + r.year + ')' : '')); });
        hs.appendChild(api.el('h4', { text: w(api, 'recognitions') }));
        if (held.length) {
          var rl = api.el('ul', { class: 'recognitions' });
          held.forEach(function (t) { rl.appendChild(api.el('li', { text: t })); });
          hs.appendChild(rl);
        } else {
          hs.appendChild(api.el('p', { text: w(api, 'none') }));
        }
        var d = h.derived_pre_merger_ntm_share;
        if (d && d.value_pct !== null && d.value_pct !== undefined) {
          hs.appendChild(api.el('p', { class: 'derived', text: w(api, 'derived', { p: d.value_pct }) }));
        }
        hs.appendChild(link(api, 'collections/communes/items/' + encodeURIComponent(c.unit_id) + '/history?f=html', w(api, 'historypage')));
        return null;
      });
    });
  });
})();
