// The upload form: a file can be dropped on it, one too large is refused before it is sent, and the button
// says the check is running.  The answer page needs no script: its links are anchors.
(function () {
  var form = document.getElementById('upload');
  if (!form) { return; }
  var input = document.getElementById('file');
  var drop = document.getElementById('drop');
  var chosen = document.getElementById('chosen');
  var problem = document.getElementById('problem');
  var limit = parseInt(form.getAttribute('data-max-bytes'), 10);
  function show() {
    var file = input.files && input.files[0];
    chosen.textContent = file ? file.name : '';
    var tooLarge = file && file.size > limit;
    problem.hidden = !tooLarge;
    problem.textContent = tooLarge ? form.getAttribute('data-too-large') : '';
    return !tooLarge;
  }
  input.addEventListener('change', show);
  ['dragenter', 'dragover'].forEach(function (name) {
    drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (name) {
    drop.addEventListener(name, function () { drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
  window.addEventListener('pageshow', function () {   // back from an answer: the form is ready again
    var button = document.getElementById('submit');
    button.disabled = false;
    button.textContent = button.getAttribute('data-label');
  });
  form.addEventListener('submit', function (event) {
    if (!show()) { event.preventDefault(); return; }
    var button = document.getElementById('submit');
    button.disabled = true;
    button.textContent = form.getAttribute('data-checking');
  });
})();
