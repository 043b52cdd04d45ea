// Starts Redoc on the API's reference page (templates/drf_spectacular/redoc.html) from a file, not
// an inline script, for the Content-Security-Policy. Redoc adds its styles as <style> elements:
// it marks them with this script's nonce, which the policy allows for this response only.
(function () {
  "use strict";
  var script = document.currentScript;
  Redoc.init(script.dataset.schemaUrl, { nonce: script.nonce }, document.getElementById("redoc-container"));
})();
