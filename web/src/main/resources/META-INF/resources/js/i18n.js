// RuralAtlas pages: the one dictionary of the interface's own words, in Vietnamese (default) and
// English, for the viewer, the planner and the survey. Names of layers, properties and their
// values come from the layer catalogue (see catalog.js), not from here. Keep WORDS plain data
// (quoted strings only): a test reads it to check that both languages have the same keys and
// placeholders and that every key a page uses is here.

const WORDS = {
  vi: {
    title: 'RuralAtlas — Bản đồ nông thôn mới', skip: 'Chuyển đến ô tìm kiếm',
    'search.label': 'Tìm địa điểm', 'search.placeholder': 'Tìm xã, điểm du lịch, vùng trồng…',
    'search.results': 'Kết quả tìm kiếm', 'search.none': 'Không tìm thấy “{q}”', 'search.failed': 'Không tìm được: máy chủ không trả lời',
    'lang.switch': 'English', tools: 'Công cụ', close: 'Đóng', yes: 'Có', no: 'Không', unknown: 'chưa rõ',
    'map.label': 'Bản đồ. Dùng phím mũi tên để di chuyển, + và − để phóng to, thu nhỏ.',
    'panel.layers': 'Lớp bản đồ', 'panel.explore': 'Khám phá', 'panel.downloads': 'Tải dữ liệu', 'panel.about': 'Giới thiệu',
    share: 'Chia sẻ', 'share.copied': 'Đã chép đường dẫn đến khung nhìn này', 'share.manual': 'Chép đường dẫn này:',
    export: 'Xuất PNG', 'export.done': 'Đã tạo ảnh PNG của khung nhìn', 'export.failed': 'Không xuất được ảnh: {e}',
    'link.collections': 'Bộ dữ liệu', 'link.conformance': 'Chuẩn OGC', 'link.downloads': 'Tải dữ liệu',
    opacity: 'Độ mờ đục', basemap: 'Bản đồ nền', 'basemap.osm': 'OpenStreetMap',
    'basemap.plain': 'Nền đơn giản (không cần Internet)', 'basemap.failed': 'Không tải được bản đồ nền: đang dùng nền đơn giản từ ranh giới hành chính.',
    theme: 'Tô màu xã theo', 'theme.level': 'Mức nông thôn mới', 'theme.criteria': 'Số tiêu chí đạt (0–19)',
    more: 'Thêm', 'legend.shares': 'Tỉnh theo tỷ lệ xã đạt chuẩn NTM', 'explore.more': 'Xem thêm {n} (còn {left})',
    'legend.title': 'Xã theo mức NTM', 'legend.criteria': 'Xã theo số tiêu chí đạt', 'legend.inview': 'xã trong khung nhìn',
    'legend.zoomin': 'Phóng to (mức 7 trở lên) để thấy các xã', 'legend.nodata': 'Không xét hoặc chưa có số liệu',
    'explore.category': 'Loại hình', 'explore.province': 'Tỉnh, thành phố', 'explore.stars': 'Sao OCOP', any: 'Tất cả',
    'stars.min': 'Từ {n} sao', 'explore.nearme': 'Gần tôi', 'explore.results': '{n} điểm du lịch', 'explore.loading': 'Đang tải…',
    'near.denied': 'Bạn chưa cho phép chia sẻ vị trí. Hãy bật quyền vị trí cho trang này trong trình duyệt để tìm các điểm gần bạn.',
    'near.unavailable': 'Không xác định được vị trí của bạn lúc này.', 'near.unsupported': 'Trình duyệt này không hỗ trợ định vị.',
    'near.title': 'Các điểm gần bạn nhất', 'near.you': 'Vị trí của bạn', 'near.locating': 'Đang xác định vị trí…',
    'detail.loading': 'Đang tải…', 'detail.failed': 'Không tải được thông tin của đối tượng này.',
    'detail.photo': 'Ảnh: {name}', 'detail.api': 'Dữ liệu (GeoJSON)', 'detail.page': 'Trang dữ liệu', 'propose.title': 'Góp ý dữ liệu', 'propose.correct': 'Đề xuất sửa thông tin', 'propose.new': 'Gợi ý địa điểm mới', 'propose.where': 'Địa điểm mới nằm ở giữa bản đồ: hãy kéo bản đồ cho đúng chỗ trước khi gửi.', 'propose.comment': 'Ghi chú (không bắt buộc)', 'propose.send': 'Gửi đề xuất', 'propose.working': 'Đang kiểm tra và gửi…', 'propose.sent': 'Cảm ơn bạn! Đề xuất đã được gửi và chờ cán bộ của tỉnh duyệt.', 'propose.failed': 'Không gửi được: {e}', 'review.open': 'Duyệt đề xuất', 'review.title': 'Đề xuất chờ duyệt', 'review.intro': 'Đề xuất của người dân ở các tỉnh bạn duyệt, cũ nhất trước. Chấp nhận sẽ ghi thay đổi dưới tên bạn; từ chối cần nêu lý do để người gửi biết.', 'review.empty': 'Không có đề xuất nào chờ duyệt.', 'review.more': 'Mới hiện {n} đề xuất đầu tiên: duyệt xong sẽ thấy các đề xuất tiếp theo.', 'review.new': 'Địa điểm mới ({layer}): {name}', 'review.correction': 'Sửa thông tin: {name}', 'review.when': 'Gửi ngày {date} · tỉnh {provinces}', 'review.place': 'Vị trí', 'review.moved': 'đổi sang vị trí mới', 'review.reason': 'Lý do (bắt buộc khi từ chối)', 'review.show': 'Xem trên bản đồ', 'review.accept': 'Chấp nhận', 'review.reject': 'Từ chối', 'review.reasonMissing': 'Hãy nêu lý do từ chối.', 'review.accepted': 'Đã chấp nhận: {name}', 'review.rejected': 'Đã từ chối: {name}', 'review.decided': 'Đề xuất này đã được người khác duyệt.', 'review.changed': 'Đối tượng đã thay đổi từ khi đề xuất được gửi: hãy từ chối, hoặc sửa trực tiếp ở chế độ Chỉnh sửa.', 'review.invalid': 'Không chấp nhận được: {e}', 'review.failed': 'Không thực hiện được: {e}',
    'explore.sample': 'Các điểm du lịch ở đây là dữ liệu minh hoạ, không phải địa điểm thật.', 'detail.hours': 'Giờ mở cửa', 'detail.directions': 'Chỉ đường', 'sample.banner': 'Lưu ý: kết quả NTM hiện tại, điểm du lịch, trang trại và vùng nguyên liệu trên bản đồ này là dữ liệu minh hoạ, không phải số liệu thật.', 'sample.ok': 'Đã hiểu',
    'detail.website': 'Trang web', 'detail.call': 'Gọi', 'detail.zoom': 'Phóng đến', 'detail.sample': 'Dữ liệu minh hoạ (không phải số liệu thật)',
    'ntm.title': 'Nông thôn mới', 'ntm.criteria': '{met}/{total} tiêu chí', 'ntm.recognised': 'Công nhận năm {y}',
    'ntm.notrural': 'Phường, đặc khu không xét công nhận NTM',
    'criteria.title': 'Tiêu chí nông thôn mới', 'criterion.met': 'đạt', 'criterion.notmet': 'chưa đạt', 'criterion.digital': 'chuyển đổi số',
    'satisfaction.title': 'Sự hài lòng của người dân', 'satisfaction.responses': '{n} ý kiến, {period}',
    'satisfaction.none': 'Chưa có ý kiến trong {period}.', 'survey.link': 'Đánh giá xã của bạn', 'planner.link': 'Mở trong trang quy hoạch',
    'history.title': 'Trước 01/07/2025', 'history.predecessors': 'Được lập từ {n} đơn vị cũ', 'history.recognitions': 'Công nhận của đơn vị cũ',
    'history.derived': 'Chỉ số suy ra (không phải công nhận): {p} đơn vị cũ có công nhận NTM được ghi nhận',
    'history.none': 'Không có công nhận nào được ghi nhận.', 'history.page': 'Xem chi tiết lịch sử',
    'zones.title': 'Vùng trồng', 'zones.trace': 'Truy xuất',
    'downloads.intro': 'Dữ liệu mở, cấp phép theo từng lớp. Tải cả lớp, gọi API, hoặc lấy gói bản đồ dùng khi không có mạng.',
    'downloads.api': 'API', 'downloads.catalogue': 'Danh mục tải về', 'downloads.offline': 'Gói ngoại tuyến (MBTiles)',
    'downloads.offline.view': 'Khung nhìn hiện tại', 'downloads.offline.province': 'Theo tỉnh',
    'about.text': 'RuralAtlas công bố dữ liệu mở về chương trình nông thôn mới theo chuẩn OGC API. Trang trại, vùng nguyên liệu, điểm du lịch và kết quả NTM hiện tại là dữ liệu minh hoạ.',
    'about.links': 'Dữ liệu và API', 'about.attribution': 'Nguồn và giấy phép', km: '{d} km', m: '{d} m',
    'planner.title': 'RuralAtlas — Lập kế hoạch nông thôn mới', 'planner.heading': 'Lập kế hoạch NTM',
    'planner.stats': 'Thống kê', 'planner.criteriaSets': 'Bộ tiêu chí', 'planner.targets': 'Mục tiêu',
    'planner.map': 'Bản đồ theo xã', 'planner.map.label': 'Bản đồ xã. Dùng phím mũi tên để di chuyển, + và − để phóng to, thu nhỏ.', 'planner.criterion': 'Tiêu chí {n}: {name}',
    'planner.indicator': 'Chỉ tiêu {n}: {name}', 'planner.digital': '(số)',
    'planner.shares.level': 'Tỉnh: % xã đạt chuẩn NTM', 'planner.shares.criterion': 'Tỉnh: % xã đạt tiêu chí',
    'planner.provinces': 'So sánh tỉnh', 'planner.chart': 'Tỷ lệ xã đạt chuẩn NTM theo tỉnh', 'planner.target': 'mục tiêu 80 % (chưa kiểm chứng)',
    'column.province': 'Tỉnh', 'column.communes': 'Xã', 'column.ntm': 'NTM %', 'column.advanced': 'Nâng cao %', 'column.model': 'Kiểu mẫu %',
    'column.criteria': 'TB tiêu chí', 'column.p84': '8.4 %', 'column.gap84': 'Cách mục tiêu 8.4', 'column.satisfaction': 'Hài lòng %',
    'planner.level': 'Mức NTM', 'planner.criteriaMet': 'Tiêu chí đạt', 'planner.criteriaSet': 'Bộ tiêu chí', 'planner.sample': 'Dữ liệu minh hoạ',
    'planner.criteria': 'Tiêu chí', 'planner.satisfaction': 'Mức hài lòng {period}', 'planner.responses': '{p} ({n} ý kiến)',
    'panel.offline': 'Ngoại tuyến', 'offline.intro': 'Lưu một tỉnh (hoặc khung nhìn) vào máy để xem bản đồ, tìm kiếm và mở thông tin khi không có mạng.',
    'offline.choose': 'Chọn tỉnh hoặc khung nhìn', 'offline.estimate': 'Ước tính', 'offline.save': 'Lưu để dùng ngoại tuyến',
    'offline.needs': 'Cần khoảng {size} ({tiles} ô bản đồ, mức 6–14).', 'offline.free': 'Máy còn trống khoảng {size}.',
    'offline.nospace': 'Không đủ chỗ trống.', 'offline.persisted': 'Trình duyệt sẽ giữ dữ liệu đã lưu.',
    'offline.notpersisted': 'Trình duyệt có thể xoá dữ liệu đã lưu khi máy thiếu chỗ.',
    'offline.progress.tiles': 'Đang lưu ô bản đồ {done}/{total}', 'offline.progress.features': 'Đang lưu đối tượng ({done}/{total} lớp)',
    'offline.progress.check': 'Đang kiểm tra ô bản đồ {done}/{total}', 'offline.progress.ntm': 'Đang lưu NTM của các xã {done}/{total}',
    'offline.saved': 'Đã lưu {name} để dùng ngoại tuyến', 'offline.paused': 'Mất kết nối: việc lưu tạm dừng và sẽ tiếp tục khi có mạng.',
    'offline.failed': 'Không lưu được: {e}', 'offline.server': 'máy chủ trả lời {status}', 'offline.busy': 'Đang lưu một vùng khác',
    'offline.updated': 'Đã cập nhật: {n} ô bản đồ thay đổi', 'offline.saved.title': 'Vùng đã lưu', 'offline.empty': 'Chưa lưu vùng nào.',
    'offline.area': '{size}, cập nhật {date}', 'offline.partial': 'chưa lưu xong', 'offline.update': 'Cập nhật', 'offline.resume': 'Tiếp tục lưu',
    'offline.delete': 'Xoá', 'offline.status': 'Đang ngoại tuyến', 'offline.here': 'đang xem dữ liệu đã lưu của {name}',
    'offline.nothere': 'không có dữ liệu ngoại tuyến ở đây (đã lưu: {names})', 'offline.none': 'chưa lưu vùng nào để dùng ngoại tuyến',
    'offline.newversion': 'Đã có phiên bản mới của RuralAtlas: tải lại trang để dùng.', 'offline.offer': 'Lưu tỉnh này để dùng ngoại tuyến',
    'survey.preparing': 'Đang chuẩn bị…', 'survey.checking': 'Đang xác minh… {n}',
    'survey.thanks': 'Cảm ơn bạn! Tỷ lệ hài lòng hiện tại: {p} % ({n})', 'survey.again': 'Thiết bị này đã trả lời trong quý này.',
    'survey.failed': 'Không gửi được.', 'survey.queued': 'Chưa có mạng: câu trả lời đã lưu trên máy và sẽ được gửi một lần khi có mạng.',
    'planner.search.label': 'Tìm tỉnh hoặc xã', 'planner.search.placeholder': 'Tìm tỉnh, xã…', 'planner.when': 'Thời điểm và nguồn số liệu', 'planner.asof': 'Số liệu ngày', 'planner.asof.today': 'Hôm nay', 'planner.asof.pre2025': 'Trước sáp nhập (01/01/2024, 63 tỉnh)', 'planner.source.computed': 'Tính từ kết quả các xã', 'planner.source.reported': 'Số liệu các tỉnh công bố', 'planner.basis.current': 'Tính ngày {date} từ các xã đang có hiệu lực (xã, không gồm phường, đặc khu) và kết quả đánh giá theo {set}. Các mức cộng dồn: xã kiểu mẫu được tính cả vào nâng cao và đạt chuẩn.',
    'planner.basis.pre2025': 'Ngày {date}: {n} tỉnh trước sắp xếp ngày 01/07/2025. Dữ liệu không có kết quả đánh giá của các xã trước năm 2025 nên các cột để trống; xem số liệu các tỉnh công bố.', 'planner.basis.reported': 'Số liệu đúng như các tỉnh đã công bố, cho đơn vị được báo cáo (tỉnh, huyện trước năm 2025), báo cáo mới nhất đến ngày {date}. Không trộn với số liệu tính toán.', 'planner.sample.banner': 'Lưu ý: số liệu tính toán trên trang này lấy từ dữ liệu minh hoạ: kết quả NTM hiện tại của các xã không phải số liệu thật.', 'planner.map.pre2025': 'Bản đồ chỉ có các xã từ 01/07/2025: chọn một ngày từ 01/07/2025 để tô màu.', 'planner.provinces.count': '{n} tỉnh, thành phố', 'planner.reported.count': '{n} báo cáo', 'planner.reported.undated': 'Báo cáo không ghi ngày (không xếp theo thời gian)', 'column.scope': 'Phạm vi', 'column.period': 'Kỳ báo cáo',
    'column.reported.ntm': 'Xã đạt chuẩn', 'column.reported.advanced': 'Nâng cao', 'column.reported.model': 'Kiểu mẫu', 'column.source': 'Nguồn', 'column.sourceDate': 'Ngày công bố', 'planner.scope.province': 'toàn tỉnh', 'planner.scope.district': 'huyện {name}', 'planner.satisfaction.few': 'Dưới {min} ý kiến: chưa công bố',
    'planner.satisfaction.hidden': '{n} ý kiến: dưới {min} ý kiến nên chưa công bố tỷ lệ.', 'planner.assessed': 'Đánh giá ngày {date} theo {set}', 'planner.criteria.failed': 'Chưa đạt ({n})', 'planner.criteria.passed': 'Đã đạt ({n})', 'planner.history.place': 'xã {commune}, huyện {district}, tỉnh {province}', 'planner.history.relation.whole': 'toàn bộ', 'planner.history.relation.partial': 'một phần', 'planner.history.relation.unchanged': 'giữ nguyên', 'planner.history.source': 'Nguồn: {source}, {date}', 'planner.quarter': 'quý {q}/{y}', 'planner.failed': 'Không tải được số liệu ({e}).',
    'account.signin': 'Đăng nhập', 'account.title': 'Tài khoản', 'account.name': 'Tên tài khoản', 'account.password': 'Mật khẩu', 'account.intro': 'Dành cho cán bộ cập nhật dữ liệu. Xem bản đồ không cần đăng nhập.', 'account.missing': 'Hãy nhập tên tài khoản và mật khẩu.', 'account.refused': 'Tên tài khoản hoặc mật khẩu không đúng.', 'account.limited': 'Đăng nhập sai quá nhiều lần. Hãy thử lại sau ít phút.', 'account.failed': 'Không đăng nhập được: {e}', 'account.welcome': 'Đã đăng nhập: {name}', 'account.signedout': 'Đã đăng xuất', 'account.who': 'Đăng nhập với tên {name} ({role})', 'account.provinces': 'Được sửa dữ liệu của các tỉnh: {p}', 'account.noedits': 'Tài khoản này không được sửa dữ liệu trên bản đồ.', 'account.signout': 'Đăng xuất', 'account.with': 'Đăng nhập qua {name}', 'account.noRole': 'Tài khoản ở nhà cung cấp định danh chưa được giao vai trò nào trong RuralAtlas. Hãy liên hệ cơ quan quản lý dữ liệu của tỉnh.', 'account.away': 'Hiện không kết nối được nhà cung cấp định danh. Hãy thử lại sau ít phút.', 'account.providerFailed': 'Đăng nhập qua nhà cung cấp định danh không thành công. Hãy thử lại.', 'account.pwTitle': 'Đổi mật khẩu', 'account.pwCurrent': 'Mật khẩu hiện tại', 'account.pwNew': 'Mật khẩu mới', 'account.pwRule': 'Ít nhất 12 ký tự, 5 ký tự khác nhau, không chứa tên tài khoản.', 'account.pwChange': 'Đổi mật khẩu', 'account.pwMissing': 'Hãy nhập mật khẩu hiện tại và mật khẩu mới.', 'account.pwWrong': 'Mật khẩu hiện tại không đúng.', 'account.pwWeak': 'Mật khẩu mới chưa đủ mạnh hoặc trùng mật khẩu cũ.', 'account.pwChanged': 'Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã kết thúc.', 'account.pwFailed': 'Không đổi được mật khẩu: {e}', 'role.admin': 'quản trị', 'role.editor': 'biên tập', 'role.reviewer': 'duyệt đề xuất', 'edit.start': 'Sửa dữ liệu', 'edit.mode': 'Chế độ sửa', 'edit.pick': 'chạm vào một điểm hoặc một vùng để sửa', 'edit.stop': 'Thoát', 'edit.hint': 'Chế độ sửa: chạm vào một điểm du lịch, trang trại hoặc vùng trồng để sửa, hoặc thêm mới.', 'edit.failed': 'Không lưu được: {e}', 'edit.title': 'Sửa: {name}', 'edit.moved': 'Vị trí mới: {lat}, {lon}', 'edit.drag': 'Kéo điểm trên bản đồ, hoặc chạm vào chỗ mới để đặt điểm.', 'edit.save': 'Lưu', 'edit.cancel': 'Huỷ', 'edit.invalid': 'Có trường chưa hợp lệ: xem ghi chú bên cạnh.', 'edit.nothing': 'Chưa có gì thay đổi.', 'edit.denied': 'Không được phép sửa: {e}', 'edit.conflict': 'Đối tượng này vừa được người khác sửa. Tải lại để xem bản mới rồi sửa tiếp.', 'edit.reload': 'Tải lại', 'edit.saved': 'Đã lưu {name}', 'edit.addPlace': 'Thêm địa điểm', 'edit.drawArea': 'Vẽ vùng', 'edit.finish': 'Xong', 'edit.tapPlace': 'Chạm vào bản đồ tại vị trí của địa điểm.', 'edit.drawHint': 'Chạm vào từng góc của vùng; chạm lại góc đầu, chạm đúp hoặc bấm Xong để khép vùng.', 'edit.tooFew': 'Một vùng cần ít nhất ba góc.', 'edit.newTitle': 'Thêm mới: {layer}', 'edit.reshape': 'Kéo một góc để di chuyển; kéo giữa một cạnh để thêm góc.', 'edit.reshaped': 'Đã đổi hình dạng: bấm Lưu để giữ.', 'edit.required': 'Bắt buộc phải nhập.', 'edit.changes': 'Những gì đã đổi:', 'edit.changedPlace': 'Vị trí hoặc hình dạng', 'edit.gone': 'Đối tượng này đã bị xoá.', 'edit.delete': 'Xoá', 'edit.confirmDelete': 'Xoá {name}? Vẫn khôi phục được từ lịch sử sửa đổi.', 'edit.keep': 'Giữ lại', 'edit.deleted': 'Đã xoá {name}', 'edit.created': 'Đã thêm {name}'
  },
  en: {
    title: 'RuralAtlas — New rural development map', skip: 'Skip to search',
    'search.label': 'Find a place', 'search.placeholder': 'Find a commune, tourism site, growing area…',
    'search.results': 'Search results', 'search.none': 'Nothing found for “{q}”', 'search.failed': 'Search failed: the server did not answer',
    'lang.switch': 'Tiếng Việt', tools: 'Tools', close: 'Close', yes: 'Yes', no: 'No', unknown: 'unknown',
    'map.label': 'Map. Use the arrow keys to pan, + and − to zoom.',
    'panel.layers': 'Layers', 'panel.explore': 'Explore', 'panel.downloads': 'Downloads', 'panel.about': 'About',
    share: 'Share', 'share.copied': 'Link to this view copied', 'share.manual': 'Copy this link:',
    export: 'Export PNG', 'export.done': 'PNG of the view created', 'export.failed': 'Could not export the image: {e}',
    'link.collections': 'Collections', 'link.conformance': 'Conformance', 'link.downloads': 'Downloads',
    opacity: 'Opacity', basemap: 'Basemap', 'basemap.osm': 'OpenStreetMap',
    'basemap.plain': 'Plain (works offline)', 'basemap.failed': 'The basemap cannot be reached: showing the plain basemap drawn from administrative boundaries.',
    theme: 'Colour communes by', 'theme.level': 'NTM level', 'theme.criteria': 'Criteria met (0–19)',
    more: 'More', 'legend.shares': 'Provinces by share of NTM communes', 'explore.more': 'Show {n} more ({left} left)',
    'legend.title': 'Communes by NTM level', 'legend.criteria': 'Communes by criteria met', 'legend.inview': 'communes in view',
    'legend.zoomin': 'Zoom in (level 7 or more) to see communes', 'legend.nodata': 'Not assessed or no data',
    'explore.category': 'Category', 'explore.province': 'Province', 'explore.stars': 'OCOP stars', any: 'Any',
    'stars.min': '{n} stars or more', 'explore.nearme': 'Near me', 'explore.results': '{n} tourism sites', 'explore.loading': 'Loading…',
    'near.denied': 'Location sharing is not allowed. Allow location for this page in your browser to find sites near you.',
    'near.unavailable': 'Your location cannot be found right now.', 'near.unsupported': 'This browser cannot tell your location.',
    'near.title': 'Nearest sites', 'near.you': 'You are here', 'near.locating': 'Finding your location…',
    'detail.loading': 'Loading…', 'detail.failed': 'Could not load this feature.',
    'detail.photo': 'Photo: {name}', 'detail.api': 'Data (GeoJSON)', 'detail.page': 'Data page', 'propose.title': 'Suggest a change', 'propose.correct': 'Propose a correction', 'propose.new': 'Suggest a new place', 'propose.where': 'The new place is at the centre of the map: move the map to the right spot before sending.', 'propose.comment': 'Comment (optional)', 'propose.send': 'Send the proposal', 'propose.working': 'Checking and sending…', 'propose.sent': 'Thank you! The proposal waits for a reviewer of the province.', 'propose.failed': 'Could not send: {e}', 'review.open': 'Review proposals', 'review.title': 'Proposals to review', 'review.intro': 'The public\'s proposals in the provinces you review, oldest first. Accepting writes the change in your name; a rejection needs a reason, which the sender can read.', 'review.empty': 'No proposals are waiting.', 'review.more': 'The first {n} are shown: the next ones appear once these are decided.', 'review.new': 'New place ({layer}): {name}', 'review.correction': 'Correction: {name}', 'review.when': 'Sent {date} · province {provinces}', 'review.place': 'Place', 'review.moved': 'moved to a new place', 'review.reason': 'Reason (needed to reject)', 'review.show': 'Show on the map', 'review.accept': 'Accept', 'review.reject': 'Reject', 'review.reasonMissing': 'Give a reason for the rejection.', 'review.accepted': 'Accepted: {name}', 'review.rejected': 'Rejected: {name}', 'review.decided': 'Someone else has already decided this proposal.', 'review.changed': 'The feature has changed since this was proposed: reject it, or make the change in Edit mode.', 'review.invalid': 'Cannot be accepted: {e}', 'review.failed': 'Could not do it: {e}',
    'explore.sample': 'These tourism sites are illustrative sample data, not real places.', 'detail.hours': 'Opening hours', 'detail.directions': 'Directions', 'sample.banner': 'Note: the current NTM results, tourism sites, farms and growing areas on this map are illustrative sample data, not real figures.', 'sample.ok': 'Got it',
    'detail.website': 'Website', 'detail.call': 'Call', 'detail.zoom': 'Zoom to', 'detail.sample': 'Illustrative sample record (not a real observation)',
    'ntm.title': 'New rural development (NTM)', 'ntm.criteria': '{met} of {total} criteria', 'ntm.recognised': 'Recognised in {y}',
    'ntm.notrural': 'Wards and special zones are not assessed for NTM',
    'criteria.title': 'NTM criteria', 'criterion.met': 'met', 'criterion.notmet': 'not met', 'criterion.digital': 'digital transformation',
    'satisfaction.title': 'Residents’ satisfaction', 'satisfaction.responses': '{n} responses, {period}',
    'satisfaction.none': 'No responses yet in {period}.', 'survey.link': 'Rate your commune', 'planner.link': 'Open in the planner',
    'history.title': 'Before 1 July 2025', 'history.predecessors': 'Made from {n} former units', 'history.recognitions': 'Recognitions of the former units',
    'history.derived': 'Derived figure (not a recognition): {p} of the former units have a recorded NTM recognition',
    'history.none': 'No recognition on record.', 'history.page': 'Full history',
    'zones.title': 'Growing areas', 'zones.trace': 'Trace',
    'downloads.intro': 'Open data, licensed per layer. Download a whole layer, use the API, or get a map package for use without a connection.',
    'downloads.api': 'API', 'downloads.catalogue': 'Download catalogue', 'downloads.offline': 'Offline package (MBTiles)',
    'downloads.offline.view': 'Current view', 'downloads.offline.province': 'By province',
    'about.text': 'RuralAtlas publishes open data on the new rural development programme as OGC API. Farms, raw-material zones, tourism sites and current NTM results are illustrative sample data.',
    'about.links': 'Data and API', 'about.attribution': 'Sources and licences', km: '{d} km', m: '{d} m',
    'planner.title': 'RuralAtlas — NTM planner', 'planner.heading': 'NTM planner',
    'planner.stats': 'Statistics', 'planner.criteriaSets': 'Criteria sets', 'planner.targets': 'Targets',
    'planner.map': 'Map by commune', 'planner.map.label': 'Map of communes. Use the arrow keys to pan, + and − to zoom.', 'planner.criterion': 'Criterion {n}: {name}',
    'planner.indicator': 'Indicator {n}: {name}', 'planner.digital': '(digital)',
    'planner.shares.level': 'Provinces: % of communes at NTM level', 'planner.shares.criterion': 'Provinces: % of communes meeting the criterion',
    'planner.provinces': 'Provinces compared', 'planner.chart': 'Share of communes at NTM level, by province', 'planner.target': 'target 80 % (unverified)',
    'column.province': 'Province', 'column.communes': 'Communes', 'column.ntm': 'NTM %', 'column.advanced': 'Advanced %', 'column.model': 'Model %',
    'column.criteria': 'Mean criteria met', 'column.p84': '8.4 %', 'column.gap84': 'Gap to the 8.4 target', 'column.satisfaction': 'Satisfied %',
    'planner.level': 'NTM level', 'planner.criteriaMet': 'Criteria met', 'planner.criteriaSet': 'Criteria set', 'planner.sample': 'Sample data',
    'planner.criteria': 'Criteria', 'planner.satisfaction': 'Satisfaction {period}', 'planner.responses': '{p} ({n} responses)',
    'panel.offline': 'Offline', 'offline.intro': 'Save a province (or the view) on this device to see the map, search and open details with no connection.',
    'offline.choose': 'Choose a province or the view', 'offline.estimate': 'Estimate', 'offline.save': 'Save for offline use',
    'offline.needs': 'Needs about {size} ({tiles} map tiles, zooms 6–14).', 'offline.free': 'About {size} free on this device.',
    'offline.nospace': 'Not enough free space.', 'offline.persisted': 'The browser will keep the saved data.',
    'offline.notpersisted': 'The browser may clear the saved data when the device runs short of space.',
    'offline.progress.tiles': 'Saving map tiles {done}/{total}', 'offline.progress.features': 'Saving features ({done}/{total} layers)',
    'offline.progress.check': 'Checking map tiles {done}/{total}', 'offline.progress.ntm': 'Saving the communes\' NTM sections {done}/{total}',
    'offline.saved': '{name} saved for offline use', 'offline.paused': 'Connection lost: saving is paused and continues when back online.',
    'offline.failed': 'Could not save: {e}', 'offline.server': 'the server answered {status}', 'offline.busy': 'Another area is being saved',
    'offline.updated': 'Updated: {n} map tiles changed', 'offline.saved.title': 'Saved areas', 'offline.empty': 'No area saved yet.',
    'offline.area': '{size}, updated {date}', 'offline.partial': 'not completely saved', 'offline.update': 'Update', 'offline.resume': 'Resume saving',
    'offline.delete': 'Delete', 'offline.status': 'Offline', 'offline.here': 'showing the saved data of {name}',
    'offline.nothere': 'no offline data here (saved: {names})', 'offline.none': 'no area saved for offline use',
    'offline.newversion': 'A new version of RuralAtlas is ready: reload the page to use it.', 'offline.offer': 'Save this province for offline use',
    'survey.preparing': 'Preparing…', 'survey.checking': 'Checking… {n}',
    'survey.thanks': 'Thank you! Satisfied so far: {p} % ({n})', 'survey.again': 'This device has already answered this quarter.',
    'survey.failed': 'Could not send.', 'survey.queued': 'No connection: your answers are kept on this device and will be sent once when the connection returns.',
    'planner.search.label': 'Find a province or commune', 'planner.search.placeholder': 'Find a province, commune…', 'planner.when': 'Date and source of the figures', 'planner.asof': 'Figures as of', 'planner.asof.today': 'Today', 'planner.asof.pre2025': 'Before the merger (1 Jan 2024, 63 provinces)', 'planner.source.computed': 'Computed from the communes', 'planner.source.reported': 'Reported by the provinces', 'planner.basis.current': 'Computed on {date} from the communes in force (rural communes, not wards or special zones) and their assessments against {set}. Levels are cumulative: a model commune also counts as advanced and NTM.',
    'planner.basis.pre2025': 'On {date}: the {n} provinces before the reorganisation of 1 July 2025. The data hold no assessments of communes before 2025, so the columns are empty; see the figures the provinces reported.', 'planner.basis.reported': 'Figures exactly as the provinces published them, for the unit they reported on (provinces and districts before 2025), the latest report up to {date}. Never mixed with computed figures.', 'planner.sample.banner': 'Note: the computed figures on this page come from illustrative sample data: the communes’ current NTM results are not real figures.', 'planner.map.pre2025': 'The map holds only the communes from 1 July 2025: choose a date from 1 July 2025 to colour it.', 'planner.provinces.count': '{n} provinces', 'planner.reported.count': '{n} reports', 'planner.reported.undated': 'Reports without a date (not placed in time)', 'column.scope': 'Scope', 'column.period': 'Period',
    'column.reported.ntm': 'NTM communes', 'column.reported.advanced': 'Advanced', 'column.reported.model': 'Model', 'column.source': 'Source', 'column.sourceDate': 'Published', 'planner.scope.province': 'whole province', 'planner.scope.district': '{name} district', 'planner.satisfaction.few': 'Fewer than {min} responses: not published',
    'planner.satisfaction.hidden': '{n} responses: fewer than {min}, so no share is published.', 'planner.assessed': 'Assessed on {date} against {set}', 'planner.criteria.failed': 'Not met ({n})', 'planner.criteria.passed': 'Met ({n})', 'planner.history.place': '{commune} commune, {district} district, {province} province', 'planner.history.relation.whole': 'whole', 'planner.history.relation.partial': 'part', 'planner.history.relation.unchanged': 'unchanged', 'planner.history.source': 'Source: {source}, {date}', 'planner.quarter': 'Q{q} {y}', 'planner.failed': 'The figures could not be loaded ({e}).',
    'account.signin': 'Sign in', 'account.title': 'Account', 'account.name': 'Account name', 'account.password': 'Password', 'account.intro': 'For staff who keep the data. The map needs no account.', 'account.missing': 'Enter the account name and the password.', 'account.refused': 'The account name or the password is wrong.', 'account.limited': 'Too many failed sign-ins. Try again in a few minutes.', 'account.failed': 'Could not sign in: {e}', 'account.welcome': 'Signed in as {name}', 'account.signedout': 'Signed out', 'account.who': 'Signed in as {name} ({role})', 'account.provinces': 'May edit the data of provinces: {p}', 'account.noedits': 'This account does not edit data on the map.', 'account.signout': 'Sign out', 'account.with': 'Sign in with {name}', 'account.noRole': 'Your identity provider account has no role in RuralAtlas. Ask the province\'s data office for one.', 'account.away': 'The identity provider cannot be reached now. Try again in a few minutes.', 'account.providerFailed': 'Signing in through the identity provider did not succeed. Try again.', 'account.pwTitle': 'Change password', 'account.pwCurrent': 'Current password', 'account.pwNew': 'New password', 'account.pwRule': 'At least 12 characters, 5 different ones, not containing the account name.', 'account.pwChange': 'Change password', 'account.pwMissing': 'Enter the current password and the new one.', 'account.pwWrong': 'The current password is wrong.', 'account.pwWeak': 'The new password is too weak or is the current one.', 'account.pwChanged': 'Password changed. The account\'s other sessions have ended.', 'account.pwFailed': 'Could not change the password: {e}', 'role.admin': 'administrator', 'role.editor': 'editor', 'role.reviewer': 'reviewer', 'edit.start': 'Edit data', 'edit.mode': 'Edit mode', 'edit.pick': 'tap a point or an area to edit it', 'edit.stop': 'Leave', 'edit.hint': 'Edit mode: tap a tourism site, a farm or a growing area to edit it, or add a new one.', 'edit.failed': 'Could not save: {e}', 'edit.title': 'Edit: {name}', 'edit.moved': 'New place: {lat}, {lon}', 'edit.drag': 'Drag the point on the map, or tap the new place to put it there.', 'edit.save': 'Save', 'edit.cancel': 'Cancel', 'edit.invalid': 'Some fields are not valid: see the notes beside them.', 'edit.nothing': 'Nothing has changed.', 'edit.denied': 'Not allowed to edit: {e}', 'edit.conflict': 'Someone else has just changed this feature. Reload it to see the new version, then edit again.', 'edit.reload': 'Reload', 'edit.saved': '{name} saved', 'edit.addPlace': 'Add a place', 'edit.drawArea': 'Draw an area', 'edit.finish': 'Finish', 'edit.tapPlace': 'Tap the map where the place is.', 'edit.drawHint': 'Tap each corner of the area; tap the first corner again, double-tap or press Finish to close it.', 'edit.tooFew': 'An area needs at least three corners.', 'edit.newTitle': 'New: {layer}', 'edit.reshape': 'Drag a corner to move it; drag the middle of an edge to add a corner.', 'edit.reshaped': 'Shape changed: save to keep it.', 'edit.required': 'Required.', 'edit.changes': 'What changed:', 'edit.changedPlace': 'The place or the shape', 'edit.gone': 'This feature has been deleted.', 'edit.delete': 'Delete', 'edit.confirmDelete': 'Delete {name}? It can still be restored from its revisions.', 'edit.keep': 'Keep it', 'edit.deleted': '{name} deleted', 'edit.created': '{name} added'
  }
};

let current = 'vi';

/** The languages, the default first. */
export const LANGUAGES = Object.keys(WORDS);

/** The current language: vi or en. */
export function language() {
  return current;
}

/** The words of a language, by key (for the tests: both languages say everything). */
export function keys(lang) {
  return Object.keys(WORDS[lang] || {});
}

/** A date (YYYY-MM-DD) as the language writes it: 31/05/2023, 31 May 2023; null: –. */
export function date(iso) {
  if (!iso) { return '–'; }
  return new Date(iso + 'T00:00:00Z').toLocaleDateString(current === 'en' ? 'en-GB' : 'vi-VN',
    { day: current === 'en' ? 'numeric' : '2-digit', month: current === 'en' ? 'short' : '2-digit', year: 'numeric', timeZone: 'UTC' });
}

/** The words for key in the current language, with {name} placeholders filled from values. */
export function t(key, values) {
  const s = WORDS[current][key] || WORDS.vi[key] || key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (values && values[k] !== undefined && values[k] !== null ? String(values[k]) : m));
}

/** Switches the language (an unknown one is Vietnamese) and translates the static page. */
export function setLanguage(lang) {
  current = WORDS[lang] ? lang : 'vi';
  document.documentElement.lang = current;
  translate(document);
  return current;
}

/** Translates data-i18n (text), data-i18n-placeholder and data-i18n-aria (aria-label) under root. */
export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.getAttribute('data-i18n')); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((e) => { e.placeholder = t(e.getAttribute('data-i18n-placeholder')); });
  root.querySelectorAll('[data-i18n-aria]').forEach((e) => { e.setAttribute('aria-label', t(e.getAttribute('data-i18n-aria'))); });
}

/** A number in the language's format (1.234,5 / 1,234.5). */
export function number(n, digits) {
  return Number(n).toLocaleString(current === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: digits === undefined ? 2 : digits });
}
