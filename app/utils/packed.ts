// A large loader payload sent as one JSON string. Remix encodes loader data with turbo-stream,
// which walks every value of it: for the analysis page's half a megabyte of figures that was a
// sixth of the server's CPU per request. JSON.stringify is native, and a kept result (decision
// 0006) is the same object on every request, so it is stringified once; the page parses it once
// where it renders. A packed object must not change afterwards (kept results never do).
import { useMemo } from "react";

declare const packedType: unique symbol;
export type Packed<T> = { json: string; readonly [packedType]?: T };

const packedOnce = new WeakMap<object, Packed<unknown>>();

export function pack<T extends object>(value: T): Packed<T> {
  let packed = packedOnce.get(value);
  if (!packed) packedOnce.set(value, (packed = { json: JSON.stringify(value) }));
  return packed as Packed<T>;
}

export function unpack<T>(packed: Packed<T>): T {
  return JSON.parse(packed.json) as T;
}

export function useUnpacked<T>(packed: Packed<T>): T {
  return useMemo(() => unpack(packed), [packed.json]);
}
