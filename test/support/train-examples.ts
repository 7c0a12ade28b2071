/**
 * Test-only loader for the real IntroSVG training records in fixtures/introsvg/train-examples
 * (LLaMA-Factory format).
 */
import { readFileSync } from "node:fs";
import { introsvgFixture } from "./fixtures";

interface Message {
  role: string;
  content: string;
}
interface MessageRecord {
  messages: Message[];
  images?: string[];
}
interface DpoRecord {
  conversations: { from: string; value: string }[];
  chosen: { from: string; value: string };
  rejected: { from: string; value: string };
}

function load<T>(name: string): T[] {
  const file = introsvgFixture("train-examples", `${name}.json`);
  const records = JSON.parse(readFileSync(file, "utf8")) as T[];
  if (!Array.isArray(records) || records.length === 0) throw new Error(`${file} holds no records`);
  return records;
}

export interface Turns {
  /** Where the record came from, for test names. */
  label: string;
  user: string;
  assistant: string;
}

function messageTurns(name: string): Turns[] {
  return load<MessageRecord>(name).map((r, i) => {
    const [user, assistant] = r.messages;
    if (user.role !== "user" || assistant.role !== "assistant") throw new Error(`${name}[${i}] is not user, assistant`);
    return { label: `${name}[${i}]`, user: user.content, assistant: assistant.content };
  });
}

export const trainDirect = (): Turns[] => messageTurns("train_direct");
export const criticRecords = (): Turns[] => messageTurns("critic");
export const refineRecords = (): Turns[] => messageTurns("refine");

/** Each DPO record yields two turns, chosen and rejected, sharing the user prompt. */
export function dpoRecords(): { label: string; user: string; chosen: string; rejected: string }[] {
  return load<DpoRecord>("dpo").map((r, i) => ({
    label: `dpo[${i}]`,
    user: r.conversations[0].value,
    chosen: r.chosen.value,
    rejected: r.rejected.value,
  }));
}
