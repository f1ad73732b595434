"use client";
import OpenAI from "openai";

export function View(): JSX.Element {
  const c = new OpenAI;
  const k = process.env;
  const o = new Intl.NumberFormat;
  return <div {...{}}>{}<></>{c ? <b /> : null}</div>;
}


enum E {}
interface I {}
type U = {};
declare module "m";
abstract class A { abstract m(): void; }
namespace N {}
