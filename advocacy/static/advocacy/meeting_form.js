// The meeting form: as the states met are chosen, each gets its row among the "stances said",
// its state filled in, so that only the position is left to pick. A row this script filled for a
// state taken off the meeting is emptied again (an empty row saves nothing); rows already saved,
// and rows the user filled, are the user's. Plain JavaScript on the admin's own jQuery (select2
// announces its changes through it), served from static/: no CDN, no build step.
(function () {
  "use strict";

  function stanceRows() {
    return Array.from(
      document.querySelectorAll("#stances-group .formset > .form-group:not(.empty-form)")
    );
  }

  function stateOf(row) {
    return row.querySelector("select[name$='-state']");
  }

  function isNew(row) {
    var id = row.querySelector("input[name$='-id']");
    return !id || !id.value;
  }

  function statesMet() {
    return Array.from(document.getElementById("id_states").selectedOptions).map(function (option) {
      return { id: option.value, name: option.textContent.trim() };
    });
  }

  function fill(row, state) {
    var select = django.jQuery(stateOf(row));
    select.empty();
    if (state) {
      select.append(new Option(state.name, state.id, true, true));
    }
    select.trigger("change");
    row.dataset.filledFor = state ? state.id : "";
  }

  function addRow() {
    var before = stanceRows().length;
    var add = document.querySelector("#stances-group .add-row");
    if (add) {
      add.click();
    }
    var rows = stanceRows();
    return rows.length > before ? rows[rows.length - 1] : null;
  }

  function emptyRow() {
    return (
      stanceRows().find(function (row) {
        return isNew(row) && !stateOf(row).value;
      }) || addRow()
    );
  }

  function followStatesMet() {
    var met = statesMet();
    var metIds = met.map(function (state) {
      return state.id;
    });
    stanceRows().forEach(function (row) {
      var filled = row.dataset.filledFor;
      if (isNew(row) && filled && stateOf(row).value === filled && metIds.indexOf(filled) < 0) {
        fill(row, null);
      }
    });
    var given = stanceRows().map(function (row) {
      return stateOf(row).value;
    });
    met.forEach(function (state) {
      if (given.indexOf(state.id) >= 0) {
        return;
      }
      var row = emptyRow();
      if (row) {
        fill(row, state);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.getElementById("id_states") && document.getElementById("stances-group")) {
      django.jQuery("#id_states").on("change", followStatesMet);
    }
  });
})();
