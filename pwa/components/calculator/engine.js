// Calculator arithmetic: + − × ÷ with the usual precedence, decimals, and a
// result rounded to 12 significant digits so 0.1 + 0.2 shows 0.3. Very large and
// very small results are kept and shown in exponent form (1.5e21), as phone
// calculators do.

const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2 };
// A number as typed (12, 12., .5) or as a result in exponent form (1.5e+21, 2e-7).
const NUMBER = /^(?:[0-9]*\.?[0-9]*e[+-][0-9]+|[0-9.]+)/;
// Digits shown before a result switches to exponent form, and in its mantissa.
const PLAIN_LIMIT = 1e12;
const SMALL_LIMIT = 1e-6;
const MANTISSA_DIGITS = 9;

/** Split an expression like "12.5+3*-2" into numbers and operators. */
export function tokenize(text) {
  const tokens = [];
  let rest = text;
  let negative = false;
  while (rest) {
    const expectsNumber = tokens.length === 0 || typeof tokens.at(-1) === "string";
    const number = expectsNumber && rest.match(NUMBER);
    if (number) {
      tokens.push(parseNumber(number[0], negative));
      negative = false;
      rest = rest.slice(number[0].length);
    } else if (expectsNumber && rest[0] === "-" && !negative) {
      negative = true;
      rest = rest.slice(1);
    } else if (!expectsNumber && rest[0] in PRECEDENCE) {
      tokens.push(rest[0]);
      rest = rest.slice(1);
    } else {
      throw new SyntaxError(`unexpected ${rest[0]}`);
    }
  }
  if (!tokens.length || typeof tokens.at(-1) === "string") throw new SyntaxError("ends without a number");
  return tokens;
}

function parseNumber(text, negative) {
  const mantissa = text.split("e")[0];
  if ((mantissa.match(/\./g) || []).length > 1 || !/[0-9]/.test(mantissa)) {
    throw new SyntaxError(`bad number ${text}`);
  }
  return negative ? -Number(text) : Number(text);
}

function apply(a, op, b) {
  if (op === "+") return a + b;
  if (op === "-") return a - b;
  if (op === "*") return a * b;
  if (b === 0) throw new RangeError("division by zero");
  return a / b;
}

/** Work out an expression; throws on bad input, division by zero or a result beyond any display. */
export function evaluate(text) {
  const tokens = tokenize(text);
  const values = [tokens[0]];
  const ops = [];
  for (let i = 1; i < tokens.length; i += 2) {
    const op = tokens[i];
    while (ops.length && PRECEDENCE[ops.at(-1)] >= PRECEDENCE[op]) {
      const b = values.pop();
      values.push(apply(values.pop(), ops.pop(), b));
    }
    ops.push(op);
    values.push(tokens[i + 1]);
  }
  while (ops.length) {
    const b = values.pop();
    values.push(apply(values.pop(), ops.pop(), b));
  }
  const result = values[0];
  if (!Number.isFinite(result)) throw new RangeError("too large");
  return Number(result.toPrecision(12));
}

/** Write a result so the calculator can go on with it: exponent form when it is very large or small. */
export function entryFor(value) {
  const size = Math.abs(value);
  if (size >= PLAIN_LIMIT || (size > 0 && size < SMALL_LIMIT)) return value.toExponential();
  return String(value);
}

/** Show an entry the way a phone calculator does: ×, ÷, −, the language's decimal sign, 1.5e21. */
export function display(entry, decimal) {
  const shown = entry.replace(/[0-9.]+e[+-][0-9]+/g, (number) => {
    const [mantissa, power] = Number(number).toExponential(MANTISSA_DIGITS - 1).split("e");
    return `${mantissa.replace(/\.?0+$/, "")}e${power.replace("+", "")}`;
  });
  const symbols = { "*": "×", "/": "÷", "-": "−", ".": decimal };
  return shown.replace(/[*/\-.]/g, (ch) => symbols[ch]);
}

/** Show a number the way the page's language writes it. */
export function format(value, locale) {
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: 12, useGrouping: false })
    .format(value);
}
