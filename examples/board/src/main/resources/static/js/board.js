// Board: small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // <time datetime="2025-01-01T12:00:00Z"> -> "5 min ago" (the exact time stays in the tooltip).
  function relative(date) {
    var seconds = Math.round((Date.now() - date.getTime()) / 1000);
    if (seconds < 45) return "just now";
    var minutes = Math.round(seconds / 60);
    if (minutes < 60) return minutes + " min ago";
    var hours = Math.round(minutes / 60);
    if (hours < 24) return hours + (hours === 1 ? " hour ago" : " hours ago");
    return date.toLocaleDateString();
  }

  function refreshTimes() {
    document.querySelectorAll("time[datetime]").forEach(function (el) {
      var date = new Date(el.getAttribute("datetime"));
      if (isNaN(date.getTime())) return;
      el.title = date.toLocaleString();
      el.textContent = relative(date);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    refreshTimes();
    setInterval(refreshTimes, 30000);

    // One click, one post: disable a form's buttons once it is submitted.
    document.querySelectorAll("form").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
      });
    });

    // Login page: a demo user's chip fills in the form.
    var login = document.getElementById("login-form");
    document.querySelectorAll("[data-user]").forEach(function (chip) {
      chip.addEventListener("click", function () {
        login.elements.username.value = chip.dataset.user;
        login.elements.password.value = chip.dataset.user;
        login.querySelector("button[type=submit]").focus();
      });
    });
  });
})();
