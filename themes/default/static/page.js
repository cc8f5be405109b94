// Small enhancements every page may use; the page works without them.
// - The print button of a document (hidden until this script shows it).
// - The printout's footer: the page's address and the day it was printed,
//   filled in just before printing (the address without script comes from
//   the page's canonical link).
(function () {
  'use strict';
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function fillPrintInfo() {
    var url = document.querySelector('.print-info .print-url');
    var date = document.querySelector('.print-info .print-date');
    if (url && /^https?:|^file:/.test(location.href)) url.textContent = location.href;
    if (date) {
      var d = new Date();
      date.textContent = 'In ngày ' + pad(d.getDate()) + '/' + pad(d.getMonth() + 1) + '/' + d.getFullYear();
    }
  }
  function bind() {
    fillPrintInfo();
    window.addEventListener('beforeprint', fillPrintInfo);
    var buttons = document.querySelectorAll('button.print-button');
    Array.prototype.forEach.call(buttons, function (b) {
      b.hidden = false;
      b.addEventListener('click', function () { window.print(); });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', bind);
  else bind();
})();
