// Small progressive enhancements; every page works without this script.
(function () {
  "use strict";

  // In print, show links to other pages with their full address.
  document.querySelectorAll("main a[href^='/']").forEach(function (link) {
    link.setAttribute("data-print-url", link.href);
  });

  // A section's permalink also copies its full address, and says so to screen readers.
  var status = document.getElementById("copy-status");
  document.querySelectorAll("a.permalink").forEach(function (link) {
    link.addEventListener("click", function () {
      if (!navigator.clipboard || !status) return;
      navigator.clipboard.writeText(link.href).then(function () {
        status.textContent = "Lenken til avsnitt " + link.hash.slice(1) + " er kopiert.";
      }, function () {});
    });
  });
})();
