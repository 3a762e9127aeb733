// Calculator arithmetic: + − × ÷ with the usual precedence, decimals, and a
// result rounded to 12 significant digits so 0.1 + 0.2 shows 0.3.

const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2 };

/** Split an expression like "12.5+3*-2" into numbers and operators. */
export function tokenize(text) {
  const tokens = [];
  let number = "";
  for (const ch of text) {
    if (/[0-9.]/.test(ch)) {
      number += ch;
    } else if (ch in PRECEDENCE) {
      const expectsNumber = !number && (tokens.length === 0 || typeof tokens.at(-1) === "string");
      if (ch === "-" && expectsNumber) {
        number = "-";
        continue;
      }
      if (!number || number === "-") throw new SyntaxError("operator without a number");
      tokens.push(parseNumber(number), ch);
      number = "";
    } else {
      throw new SyntaxError(`unexpected ${ch}`);
    }
  }
  if (!number || number === "-") throw new SyntaxError("ends without a number");
  tokens.push(parseNumber(number));
  return tokens;
}

function parseNumber(text) {
  if ((text.match(/\./g) || []).length > 1 || text === "." || text === "-.") {
    throw new SyntaxError(`bad number ${text}`);
  }
  return Number(text);
}

function apply(a, op, b) {
  if (op === "+") return a + b;
  if (op === "-") return a - b;
  if (op === "*") return a * b;
  if (b === 0) throw new RangeError("division by zero");
  return a / b;
}

/** Work out an expression; throws on bad input or division by zero. */
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

/** Show a number the way the page's language writes it. */
export function format(value, locale) {
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: 12, useGrouping: false })
    .format(value);
}
