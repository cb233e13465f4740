// RuralAtlas viewer: the map page at /. Each part is a module under js/viewer/ (map, panel,
// legend, layers panel, feature panel and its NTM section, explore, search, permalink, export,
// downloads, offline use, about, signing in and Edit mode); this one loads them all and starts: the language and the view from the
// permalink, then the basemap from the server's configuration. Everything shown about the data
// (layer titles, property labels, value titles, id properties) comes from the server's catalogue.
import { getJson } from './js/api.js';
import './js/viewer/about.js';
import './js/viewer/account.js';
import './js/viewer/downloads.js';
import './js/viewer/edit.js';
import './js/viewer/explore.js';
import './js/viewer/labels.js';
import './js/viewer/export.js';
import './js/viewer/layers-panel.js';
import './js/viewer/legend.js';
import { map, setBasemap } from './js/viewer/map.js';
import './js/viewer/ntm-section.js';
import './js/viewer/offline.js';
import { startFromPermalink } from './js/viewer/permalink.js';
import './js/viewer/propose.js';
import './js/viewer/review.js';
import './js/viewer/search.js';
import './js/viewer/sites.js';
import './js/viewer/testing.js';

startFromPermalink();
getJson('viewer/config.json').then((c) => setBasemap(c.basemap), () => setBasemap(null));
map.once('rendercomplete', () => document.body.setAttribute('data-ready', 'true'));
