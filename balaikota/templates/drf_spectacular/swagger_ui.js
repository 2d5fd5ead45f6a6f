{% load i18n %}"use strict";
// Our own start-up script for Swagger UI (replaces drf-spectacular's): the same schema URL,
// settings and CSRF header, plus a plugin that makes the rendered page pass axe-core.
const swaggerSettings = {{ settings|safe }};

// Swagger UI renders its own <main id="operations">: that is the page's main landmark. What
// it draws outside it (the title and the server and authorisation bar) becomes named regions,
// so every part of the page sits in a landmark. React keeps attributes it does not own, and the
// observer puts them back if an element is ever drawn again.
const operationsLabel = "{% translate 'Operasi API' as label %}{{ label|escapejs }}";
const regions = {
  ".information-container": "{% translate 'Tentang API' as label %}{{ label|escapejs }}",
  ".scheme-container": "{% translate 'Server dan otorisasi' as label %}{{ label|escapejs }}",
};
const responsesLabel = "{% translate 'Tanggapan' as label %}{{ label|escapejs }}";
const bodyLabel = "{% translate 'Isi permintaan (JSON)' as label %}{{ label|escapejs }}";
const parameterLabel = "{% translate 'Parameter' as label %}{{ label|escapejs }}";
const setOnce = (element, name, value) => {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
};
const fixAccessibility = () => {
  for (const [selector, label] of Object.entries(regions)) {
    const element = document.querySelector(selector);
    if (element) {
      setOnce(element, "role", "region");
      setOnce(element, "aria-label", label);
    }
  }
  // An opened operation: its controls get names, its scrolling examples the keyboard, and
  // each operation's responses section a name of its own.
  for (const block of document.querySelectorAll(".opblock")) {
    const summary = block.querySelector(".opblock-summary-method");
    const path = block.querySelector(".opblock-summary-path");
    const operation = [summary?.textContent, path?.dataset.path].filter(Boolean).join(" ");
    for (const row of block.querySelectorAll("tr[data-param-name]")) {
      for (const control of row.querySelectorAll("select, input, textarea")) {
        if (!control.labels?.length) {
          setOnce(control, "aria-label", `${parameterLabel} ${row.dataset.paramName}`);
        }
      }
    }
    for (const body of block.querySelectorAll(".body-param textarea, .body-param select")) {
      setOnce(body, "aria-label", `${bodyLabel}: ${operation}`);
    }
    for (const responses of block.querySelectorAll("[id$='_responses']")) {
      setOnce(responses, "aria-label", `${responsesLabel}: ${operation}`);
    }
  }
  for (const example of document.querySelectorAll(".highlight-code > pre, .highlight-code > .example")) {
    setOnce(example, "tabindex", "0");
  }
};
new MutationObserver(fixAccessibility).observe(document.getElementById("swagger-ui"), {
  childList: true,
  subtree: true,
});

// The operations' group headings are <h3> under the title's <h1>: put an <h2> between them.
const accessibleHeadings = () => ({
  wrapComponents: {
    operations: (Original, system) => (props) =>
      system.React.createElement(
        "div",
        null,
        system.React.createElement("h2", { className: "bk-operations-heading" }, operationsLabel),
        system.React.createElement(Original, props),
      ),
  },
});

const requestInterceptor = (request) => {
  // Django's CSRF check for "Try it out" on unsafe methods of the same site.
  if (!["GET", undefined].includes(request.method) && request.credentials === "same-origin") {
    request.headers["{{ csrf_header_name|escapejs }}"] = "{{ csrf_token|escapejs }}";
  }
  return request;
};

window.ui = SwaggerUIBundle({
  url: "{{ schema_url|escapejs }}",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis],
  plugins: [accessibleHeadings],
  layout: "BaseLayout",
  requestInterceptor,
  ...swaggerSettings,
  // A path inside the operation's button would be a link nested in a button (axe:
  // nested-interactive); operations still open and close with the button.
  deepLinking: false,
  // The highlighter's colours on its dark background fall below WCAG AA contrast: examples and
  // responses are shown as plain text instead.
  syntaxHighlight: false,
});
