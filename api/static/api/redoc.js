// Starts Redoc on the API's schema under the page's strict CSP.
(function () {
  hideImagesFrom("https://cdn.redoc.ly/");
  var container = document.getElementById("redoc");
  Redoc.init(
    container.dataset.specUrl,
    {
      // Redoc writes its styles into <style> elements, marked with this script's nonce
      // so that the CSP lets them apply.
      nonce: document.currentScript.nonce,
      // Its search runs in a worker made from a blob, which the CSP refuses; the
      // menu lists every endpoint.
      disableSearch: true,
    },
    container,
  );

  // Redoc's menu shows Redocly's logo from their CDN, which the CSP refuses (and which
  // would tell Redocly who reads our documentation): such an image is hidden instead,
  // and never requested. React sets an image's address both ways.
  function hideImagesFrom(origin) {
    var image = HTMLImageElement.prototype;
    var src = Object.getOwnPropertyDescriptor(image, "src");
    var setAttribute = Element.prototype.setAttribute;
    function refused(element, value) {
      var fromThere = String(value).indexOf(origin) === 0;
      if (fromThere) {
        element.hidden = true;
      }
      return fromThere;
    }
    Object.defineProperty(image, "src", {
      configurable: true,
      enumerable: src.enumerable,
      get: src.get,
      set: function (value) {
        if (!refused(this, value)) {
          src.set.call(this, value);
        }
      },
    });
    image.setAttribute = function (name, value) {
      if (name !== "src" || !refused(this, value)) {
        setAttribute.call(this, name, value);
      }
    };
  }
})();
