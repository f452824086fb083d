// Reload the page when the preview server says the volume changed.
(function () {
  var seen = null;
  var source = new EventSource("/events");
  source.onmessage = function (event) {
    if (seen === null) { seen = event.data; } else if (event.data !== seen) { window.location.reload(); }
  };
})();
