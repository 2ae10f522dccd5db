/* Land on the linked paragraph after Material's instant navigation.
 * Material 9.8.1 sometimes keeps the previous page's scroll offset when a link to another page has a
 * #fragment (an indicator's source link from the bottom of its page: in Chromium, 3 fresh browsers
 * of 4 showed the chapter scrolled 1,200 px past the paragraph). After every page change, if the
 * element the address points at is off screen, it is scrolled into view (CSS scroll-margin-top keeps
 * it below the header). */
(function () {
  "use strict";

  function land() {
    if (location.hash.length < 2) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    var top = target.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 40) target.scrollIntoView();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      // no frame is asked for on a page opened without a #fragment (most page loads): nothing to do there
      if (location.hash.length > 1) window.requestAnimationFrame(land);
    });
  }
})();
