// Camera scanning on the check-in page, where the browser has the BarcodeDetector API. Without it (or
// without JavaScript) the page works as it is: a USB or Bluetooth scanner types the code and Enter into
// the field, or staff type the code by hand.
(function () {
  "use strict";
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var box = document.getElementById("camera");
  var start = document.getElementById("camera-start");
  var video = document.getElementById("camera-video");
  var form = document.getElementById("checkin-form");
  var field = form && form.querySelector("input[name=code]");
  if (!box || !start || !video || !field) return;
  box.hidden = false;
  start.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      start.hidden = true;
      video.play();
      var look = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            stream.getTracks().forEach(function (track) { track.stop(); });
            field.value = codes[0].rawValue;
            form.submit();
          } else {
            window.requestAnimationFrame(look);
          }
        }).catch(function () { window.requestAnimationFrame(look); });
      };
      look();
    }).catch(function () { field.focus(); });
  });
})();
