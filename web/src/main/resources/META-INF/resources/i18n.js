// RuralAtlas viewer: the interface's own words in Vietnamese (default) and English. Names of layers,
// properties and their values come from the layer catalogue (/collections, /collections/{id}/schema).
(function () {
  'use strict';
  var TEXT = {
    vi: {
      skip: 'Chuyển đến ô tìm kiếm',
      'search.label': 'Tìm địa điểm', 'search.placeholder': 'Tìm xã, điểm du lịch, vùng trồng…',
      'search.results': 'Kết quả tìm kiếm', 'search.none': 'Không tìm thấy “{q}”', 'search.failed': 'Không tìm được: máy chủ không trả lời',
      'lang.switch': 'English', tools: 'Công cụ', close: 'Đóng',
      'map.label': 'Bản đồ. Dùng phím mũi tên để di chuyển, + và − để phóng to, thu nhỏ.',
      'panel.layers': 'Lớp bản đồ', 'panel.explore': 'Khám phá', 'panel.downloads': 'Tải dữ liệu', 'panel.about': 'Giới thiệu',
      share: 'Chia sẻ', 'share.copied': 'Đã chép đường dẫn đến khung nhìn này', 'share.manual': 'Chép đường dẫn này:',
      export: 'Xuất PNG', 'export.done': 'Đã tạo ảnh PNG của khung nhìn', 'export.failed': 'Không xuất được ảnh: {e}',
      'link.collections': 'Bộ dữ liệu', 'link.conformance': 'Chuẩn OGC', 'link.downloads': 'Tải dữ liệu',
      opacity: 'Độ mờ đục', visible: 'Hiện lớp', basemap: 'Bản đồ nền', 'basemap.osm': 'OpenStreetMap',
      'basemap.plain': 'Nền đơn giản (không cần Internet)', 'basemap.failed': 'Không tải được bản đồ nền: đang dùng nền đơn giản từ ranh giới hành chính.',
      theme: 'Tô màu xã theo', 'theme.level': 'Mức nông thôn mới', 'theme.criteria': 'Số tiêu chí đạt (0–19)',
      'legend.title': 'Xã theo mức NTM', 'legend.criteria': 'Xã theo số tiêu chí đạt', 'legend.inview': 'xã trong khung nhìn',
      'legend.zoomin': 'Phóng to (mức 7 trở lên) để thấy các xã', 'legend.nodata': 'Không xét hoặc chưa có số liệu',
      'explore.category': 'Loại hình', 'explore.province': 'Tỉnh, thành phố', 'explore.stars': 'Sao OCOP', 'any': 'Tất cả',
      'stars.min': 'Từ {n} sao', 'explore.nearme': 'Gần tôi', 'explore.results': '{n} điểm du lịch', 'explore.loading': 'Đang tải…',
      'near.denied': 'Bạn chưa cho phép chia sẻ vị trí. Hãy bật quyền vị trí cho trang này trong trình duyệt để tìm các điểm gần bạn.',
      'near.unavailable': 'Không xác định được vị trí của bạn lúc này.', 'near.unsupported': 'Trình duyệt này không hỗ trợ định vị.',
      'near.title': 'Các điểm gần bạn nhất', 'near.you': 'Vị trí của bạn', 'near.locating': 'Đang xác định vị trí…',
      'detail.loading': 'Đang tải…', 'detail.failed': 'Không tải được thông tin của đối tượng này.',
      'detail.photo': 'Ảnh: {name}', 'detail.links': 'Liên kết', 'detail.api': 'Dữ liệu (GeoJSON)', 'detail.page': 'Trang dữ liệu',
      'detail.website': 'Trang web', 'detail.call': 'Gọi', 'detail.zoom': 'Phóng đến', 'detail.sample': 'Dữ liệu minh hoạ (không phải số liệu thật)',
      'ntm.title': 'Nông thôn mới', 'ntm.criteria': '{met}/{total} tiêu chí', 'ntm.recognised': 'Công nhận năm {y}',
      'ntm.satisfaction': 'Người dân hài lòng: {p} %', 'ntm.notrural': 'Phường, đặc khu không xét công nhận NTM',
      'downloads.intro': 'Dữ liệu mở, cấp phép theo từng lớp. Tải cả lớp, gọi API, hoặc lấy gói bản đồ dùng khi không có mạng.',
      'downloads.api': 'API', 'downloads.catalogue': 'Danh mục tải về', 'downloads.offline': 'Gói ngoại tuyến (MBTiles)',
      'downloads.offline.view': 'Khung nhìn hiện tại', 'downloads.offline.province': 'Theo tỉnh',
      'about.text': 'RuralAtlas công bố dữ liệu mở về chương trình nông thôn mới theo chuẩn OGC API. Trang trại, vùng nguyên liệu, điểm du lịch và kết quả NTM hiện tại là dữ liệu minh hoạ.',
      'about.links': 'Dữ liệu và API', 'about.attribution': 'Nguồn và giấy phép',
      'scale': 'Tỷ lệ', 'export.title': 'RuralAtlas — bản đồ nông thôn mới', 'loading': 'Đang tải…', 'km': '{d} km', 'm': '{d} m'
    },
    en: {
      skip: 'Skip to search',
      'search.label': 'Find a place', 'search.placeholder': 'Find a commune, tourism site, growing area…',
      'search.results': 'Search results', 'search.none': 'Nothing found for “{q}”', 'search.failed': 'Search failed: the server did not answer',
      'lang.switch': 'Tiếng Việt', tools: 'Tools', close: 'Close',
      'map.label': 'Map. Use the arrow keys to pan, + and − to zoom.',
      'panel.layers': 'Layers', 'panel.explore': 'Explore', 'panel.downloads': 'Downloads', 'panel.about': 'About',
      share: 'Share', 'share.copied': 'Link to this view copied', 'share.manual': 'Copy this link:',
      export: 'Export PNG', 'export.done': 'PNG of the view created', 'export.failed': 'Could not export the image: {e}',
      'link.collections': 'Collections', 'link.conformance': 'Conformance', 'link.downloads': 'Downloads',
      opacity: 'Opacity', visible: 'Show layer', basemap: 'Basemap', 'basemap.osm': 'OpenStreetMap',
      'basemap.plain': 'Plain (works offline)', 'basemap.failed': 'The basemap cannot be reached: showing the plain basemap drawn from administrative boundaries.',
      theme: 'Colour communes by', 'theme.level': 'NTM level', 'theme.criteria': 'Criteria met (0–19)',
      'legend.title': 'Communes by NTM level', 'legend.criteria': 'Communes by criteria met', 'legend.inview': 'communes in view',
      'legend.zoomin': 'Zoom in (level 7 or more) to see communes', 'legend.nodata': 'Not assessed or no data',
      'explore.category': 'Category', 'explore.province': 'Province', 'explore.stars': 'OCOP stars', 'any': 'Any',
      'stars.min': '{n} stars or more', 'explore.nearme': 'Near me', 'explore.results': '{n} tourism sites', 'explore.loading': 'Loading…',
      'near.denied': 'Location sharing is not allowed. Allow location for this page in your browser to find sites near you.',
      'near.unavailable': 'Your location cannot be found right now.', 'near.unsupported': 'This browser cannot tell your location.',
      'near.title': 'Nearest sites', 'near.you': 'You are here', 'near.locating': 'Finding your location…',
      'detail.loading': 'Loading…', 'detail.failed': 'Could not load this feature.',
      'detail.photo': 'Photo: {name}', 'detail.links': 'Links', 'detail.api': 'Data (GeoJSON)', 'detail.page': 'Data page',
      'detail.website': 'Website', 'detail.call': 'Call', 'detail.zoom': 'Zoom to', 'detail.sample': 'Illustrative sample record (not a real observation)',
      'ntm.title': 'New rural development (NTM)', 'ntm.criteria': '{met} of {total} criteria', 'ntm.recognised': 'Recognised in {y}',
      'ntm.satisfaction': 'Residents satisfied: {p} %', 'ntm.notrural': 'Wards and special zones are not assessed for NTM',
      'downloads.intro': 'Open data, licensed per layer. Download a whole layer, use the API, or get a map package for use without a connection.',
      'downloads.api': 'API', 'downloads.catalogue': 'Download catalogue', 'downloads.offline': 'Offline package (MBTiles)',
      'downloads.offline.view': 'Current view', 'downloads.offline.province': 'By province',
      'about.text': 'RuralAtlas publishes open data on the new rural development programme as OGC API. Farms, raw-material zones, tourism sites and current NTM results are illustrative sample data.',
      'about.links': 'Data and API', 'about.attribution': 'Sources and licences',
      'scale': 'Scale', 'export.title': 'RuralAtlas — new rural development map', 'loading': 'Loading…', 'km': '{d} km', 'm': '{d} m'
    }
  };

  var lang = 'vi';

  /** The text for key in the current language, with {name} placeholders filled from values. */
  function t(key, values) {
    var s = (TEXT[lang] && TEXT[lang][key]) || TEXT.vi[key] || key;
    return s.replace(/\{(\w+)\}/g, function (m, k) { return values && values[k] !== undefined ? values[k] : m; });
  }

  /** Applies the language to the static page: data-i18n (text), -placeholder, -aria (aria-label). */
  function apply(root) {
    (root || document).querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
    (root || document).querySelectorAll('[data-i18n-placeholder]').forEach(function (el) { el.placeholder = t(el.getAttribute('data-i18n-placeholder')); });
    (root || document).querySelectorAll('[data-i18n-aria]').forEach(function (el) { el.setAttribute('aria-label', t(el.getAttribute('data-i18n-aria'))); });
  }

  window.RuralAtlasI18n = {
    t: t,
    apply: apply,
    languages: Object.keys(TEXT),
    /** The keys of a language, to check that every language says everything. */
    keys: function (l) { return Object.keys(TEXT[l] || {}); },
    get lang() { return lang; },
    set lang(value) {
      lang = TEXT[value] ? value : 'vi';
      document.documentElement.lang = lang;
      apply();
    },
    /** A number in the language's format (1.234,5 / 1,234.5). */
    number: function (n, digits) {
      return Number(n).toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: digits === undefined ? 2 : digits });
    }
  };
})();
