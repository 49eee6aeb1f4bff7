import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router-dom";
import { expect, it } from "vitest";
import { MoreBreaches } from "./commitment";

it("says how many breaches a commitment's page leaves out and links to all of them", () => {
  const html = renderToStaticMarkup(createElement(MemoryRouter, null, createElement(MoreBreaches, { id: 12, total: 473, shown: 30 })));
  expect(html).toContain("443 later breaches are not shown here.");
  expect(html).toMatch(/<a [^>]*href="\/incidents\?commitment=12">The 473 incidents linked to it as breaches<\/a>/);
  expect(html).toContain('<a href="/api/v1/breaches?commitment=12&amp;sort=date-asc">JSON</a>');
  expect(html).toContain('<a href="/api/v1/breaches?commitment=12&amp;sort=date-asc&amp;format=csv">CSV</a>');
});
