import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsePromptTemplate } from '../../../src/analyst/prompt-template.js';
import { PROMPT_INPUTS } from '../../../src/analyst/prompt-inputs.js';
import { data, instruction, renderPrompt, type PromptValue } from '../../../src/analyst/render-prompt.js';
import { STEP_REPLY_SCHEMAS } from '../../../src/analyst/step-replies.js';
import { STEPS } from '../../../src/domain/step.js';

const MARKER = 'a1b2c3d4e5f6a7b8';

describe.each(STEPS.map((step) => [step] as const))('prompts/%s.txt', (step) => {
  const file = `prompts/${step}.txt`;
  const prompt = parsePromptTemplate(file, readFileSync(file, 'utf8'));

  it('has a version and exactly the placeholders the analyst fills', () => {
    expect(prompt.version).toMatch(/^\d+$/);
    const inputs = PROMPT_INPUTS[step];
    expect([...prompt.placeholders].sort()).toEqual([...inputs.data, ...inputs.instructions].sort());
  });

  it('renders with its reply schema and every data value fenced', () => {
    const inputs = PROMPT_INPUTS[step];
    const values: Record<string, PromptValue> = {};
    for (const name of inputs.instructions) values[name] = instruction(name === 'reply_schema' ? JSON.stringify(z.toJSONSchema(STEP_REPLY_SCHEMAS[step])) : `the ${name}`);
    for (const name of inputs.data) values[name] = data({ name });
    const rendered = renderPrompt(prompt.template, values, MARKER);
    expect(rendered.match(new RegExp(`^<<<DATA ${MARKER}>>>$`, 'gm'))).toHaveLength(inputs.data.length);
    expect(rendered).not.toMatch(/\{\{[a-z_]+\}\}/);
  });
});

describe('parsePromptTemplate', () => {
  it('names the file when the version header is missing', () => {
    expect(() => parsePromptTemplate('prompts/x.txt', 'Hello {{alert}}')).toThrow(/^prompts\/x\.txt: expected a "# version: N" header/);
  });
});
