// Shows why the last login did not work (the server redirects back with ?login=failed).
if (new URLSearchParams(location.search).has('login')) document.getElementById('failed').hidden = false;
