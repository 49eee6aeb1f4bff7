// The header's search box: a plain GET form to /search, so it works without JavaScript and its
// result page has a shareable address.
import { Form } from "@remix-run/react";
import type { Highlighted } from "~/models/search";

export function SearchBox() {
  return (
    <Form method="get" action="/search" role="search" aria-label="Site search" className="search-box">
      <input type="search" name="q" aria-label="Search Parley" placeholder="Search Parley" maxLength={200} required />
      <button type="submit">Search</button>
    </Form>
  );
}

/** Text with the words a search matched marked. */
export function Highlight({ text }: { text: Highlighted }) {
  return (
    <>
      {text.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : s.text))}
    </>
  );
}
