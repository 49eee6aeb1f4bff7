import { expect, it } from "vitest";
import { pack, unpack } from "./packed";

it("sends a value as one JSON string and gives it back whole", () => {
  const figures = { curves: [{ t: 3, survival: 0.8830820495 }], label: "All \"commitments\" </script>", none: null };
  const packed = pack(figures);
  expect(typeof packed.json).toBe("string");
  expect(unpack(packed)).toEqual(figures);
});

it("stringifies a kept result once, however many requests send it", () => {
  const kept = { rows: [1, 2, 3] };
  expect(pack(kept)).toBe(pack(kept));
  // An equal but different object is its own result.
  expect(pack({ rows: [1, 2, 3] })).not.toBe(pack(kept));
});
