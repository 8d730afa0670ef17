/* Choosers (enforcement/choosers.py): a search box beside the article, actor and regulator
   filters. Typing asks /choose/<kind>/?q= for at most 20 suggestions; picking one puts it in
   the select (which holds only "Any" and the chosen row) and applies the filters. Without
   this script the select alone still shows and submits the chosen row. */
(function () {
  "use strict";

  var WAIT_MS = 200; // after the last key, before asking

  function setUp(box) {
    var select = box.querySelector("select");
    var input = box.querySelector(".chooser-search");
    var list = box.querySelector(".chooser-suggestions");
    var url = box.getAttribute("data-chooser-url");
    var timer = null;
    var asked = 0;
    if (!select || !input || !list || !url) return;
    input.hidden = false;

    function say(text) {
      var item = document.createElement("li");
      item.className = "chooser-note";
      item.textContent = text;
      list.appendChild(item);
    }

    function show(results, problem, words) {
      list.replaceChildren();
      results.forEach(function (result) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.setAttribute("role", "option");
        button.textContent = result.label;
        button.addEventListener("click", function () { choose(result); });
        item.appendChild(button);
        list.appendChild(item);
      });
      if (problem) say(problem);
      else if (!results.length && words) say("Nothing matches “" + words + "”.");
      list.hidden = !list.children.length;
    }

    function suggest() {
      var words = input.value.trim();
      var mine = ++asked;
      if (!words) { show([], "", ""); return; }
      fetch(url + "?q=" + encodeURIComponent(words), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (mine === asked) show(data.results || [], data.problem || "", words);
        })
        .catch(function () {
          if (mine === asked) show([], "Suggestions could not be loaded; try again.", words);
        });
    }

    function choose(result) {
      var value = String(result.id);
      var option = Array.prototype.find.call(select.options, function (o) { return o.value === value; });
      if (!option) {
        option = new Option(result.label, value);
        select.add(option);
      }
      select.value = value;
      input.value = "";
      show([], "", "");
      var form = select.form;
      if (form) {
        if (form.requestSubmit) form.requestSubmit();
        else form.submit();
      }
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, WAIT_MS);
    });
    input.addEventListener("keydown", function (event) {
      // Enter picks the first suggestion rather than applying a half-typed search.
      if (event.key === "Enter") {
        event.preventDefault();
        var first = list.querySelector("button");
        if (first) first.click();
      } else if (event.key === "Escape") {
        show([], "", "");
      }
    });
  }

  document.querySelectorAll(".chooser[data-chooser-url]").forEach(setUp);
})();
