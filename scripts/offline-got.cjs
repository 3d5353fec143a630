// Stand-in for the `got` HTTP client inside Electronegativity: every request
// fails at once, so the scanner falls back to its bundled data.
'use strict';

function offlineGot() {
  return Promise.reject(new Error('Network access is disabled for this scan.'));
}

module.exports = offlineGot;
module.exports.default = offlineGot;
