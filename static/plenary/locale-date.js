/* Beside each date field of the admin (core/dates.py), the date as it will be read, in words
   ("Sat 5 December 2026"), so that a day and month typed the wrong way round show before saving.
   It reads as the server does: the user's own format (the input's data-date-format) or ISO 8601,
   nothing else. */
"use strict";
{
  const ISO = "%Y-%m-%d";
  const PARTS = { "%d": "(?<day>\\d{1,2})", "%m": "(?<month>\\d{1,2})", "%Y": "(?<year>\\d{4})" };

  function patternOf(format) {
    const pieces = format.split(/(%[dmY])/).map(
      (piece) => PARTS[piece] || piece.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
    );
    return new RegExp(`^${pieces.join("")}$`);
  }

  function dayOf(text, format) {
    for (const candidate of [format, ISO]) {
      const match = patternOf(candidate).exec(text);
      if (!match) continue;
      const [year, month, day] = ["year", "month", "day"].map((part) => Number(match.groups[part]));
      const date = new Date(Date.UTC(2000, month - 1, day));
      date.setUTCFullYear(year);
      // 31/02 is no day: Date would roll it over into March.
      if (date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return date;
    }
    return null;
  }

  function inWords(date) {
    const language = document.documentElement.lang || undefined;
    const options = { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };
    return new Intl.DateTimeFormat(language, options).format(date);
  }

  function echo(input) {
    // Found beside the input, not by id: an inline's added row has ids the copy renamed.
    const read = input.closest(".plenary-date")?.nextElementSibling?.querySelector(".plenary-date-read");
    if (!read) return;
    const text = input.value.trim();
    const date = text ? dayOf(text, input.dataset.dateFormat) : null;
    read.textContent = text ? (date ? inWords(date) : read.dataset.unread) : "";
    read.classList.toggle("plenary-date-unread", Boolean(text) && !date);
  }

  function watch(input) {
    // Django's calendar and its "Today" link set the value without an event, then focus the field.
    for (const event of ["input", "change", "focus", "blur"]) input.addEventListener(event, () => echo(input));
    echo(input);
  }

  function watchAll(root) {
    root.querySelectorAll(".plenary-date input[data-date-format]").forEach(watch);
  }

  document.addEventListener("DOMContentLoaded", () => watchAll(document));
  // An inline's "Add another" row arrives later, as a copy of the empty form.
  document.addEventListener("formset:added", (event) => watchAll(event.target));
}
