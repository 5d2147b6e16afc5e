'use strict';
// plotly.js's src/core.js with only the components the dashboards' charts use: no sliders,
// menus, range sliders or selectors, images, 3D annotations or error bars.
exports.version = require('plotly.js/src/version').version;
require('native-promise-only');
require('plotly.js/build/plotcss');
var Registry = require('plotly.js/src/registry');
var register = (exports.register = Registry.register);
var plotApi = require('plotly.js/src/plot_api');
Object.keys(plotApi).forEach(function (name) {
    if (name.charAt(0) !== '_') exports[name] = plotApi[name];
    register({ moduleType: 'apiMethod', name: name, fn: plotApi[name] });
});
register(require('plotly.js/src/traces/scatter'));
register([
    require('plotly.js/src/components/annotations'),
    require('plotly.js/src/components/selections'),
    require('plotly.js/src/components/shapes'),
    require('plotly.js/src/components/grid'),
    require('plotly.js/src/components/colorscale'),
    require('plotly.js/src/components/colorbar'),
    require('plotly.js/src/components/legend'),
    require('plotly.js/src/components/fx'),
    require('plotly.js/src/components/modebar'),
]);
register([require('plotly.js/src/locale-en'), require('plotly.js/src/locale-en-us')]);
register(require('plotly.js/src/traces/bar'));
var Plots = require('plotly.js/src/plots/plots');
exports.Plots = { resize: Plots.resize };
