/**
 * The note analyzer in Python, for the exported scikit-learn script: `note_terms(text)` gives the same
 * term occurrences as `noteTerms` (tokenize.ts), so that
 * `TfidfVectorizer(analyzer=note_terms, vocabulary=[…], smooth_idf=True, norm="l2", sublinear_tf=…)`
 * with the model file's terms and the training rows gives the app's idf and matrices.
 *
 * Written with regular expressions (fast in CPython): a run is a maximal run of Han characters or of
 * word characters, the two classes being disjoint, so `findall` returns the same runs as the
 * character walk of `scanNote`. The limits and the stop list are the TypeScript constants, written in.
 * A non-string cell (pandas' NaN for a missing one) gives no terms.
 */
import { pyAssignList, pyStr } from '../export/python-literals';
import { BINARY_MIN_COUNT, BINARY_ONE_IN, MAX_NOTE_LENGTH, STOP_WORDS } from './tokenize';

/** The Python source, one line per entry: `import re`, its module constants, and `def note_terms(text)`. */
export function noteTermsPython(): string[] {
  const han = String.raw`\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff`;
  // A–Z a–z and U+00C0–U+024F without × U+00D7, ÷ U+00F7, İ U+0130
  const letter = String.raw`A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u012f\u0131-\u024f`;
  return [
    'import re',
    '',
    ...pyAssignList('NOTE_STOP_WORDS', STOP_WORDS.map(pyStr)).split('\n'),
    'NOTE_STOP_WORDS = frozenset(NOTE_STOP_WORDS)',
    `_NOTE_RUN = re.compile(r"[${han}]+|[0-9${letter}]+")`,
    `_NOTE_LETTER = re.compile(r"[${letter}]")`,
    String.raw`_NOTE_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")`,
    '# fullwidth digits and Latin letters (ＣＴ, ３) read as their ASCII forms',
    '_NOTE_FULLWIDTH = {c: c - 0xFEE0 for a, b in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(a, b + 1)}',
    '',
    '',
    'def note_terms(text):',
    '    """The term occurrences of one note, as the app finds them (TfidfVectorizer\'s analyzer).',
    '',
    '    Han characters (U+4E00-U+9FFF, U+3400-U+4DBF, U+F900-U+FAFF): each run gives its characters and its',
    '    adjacent pairs. Words (runs of A-Z, a-z, U+00C0-U+024F but not U+00D7, U+00F7, U+0130, and 0-9):',
    '    fullwidth forms (U+FF10-FF19, FF21-FF3A, FF41-FF5A) read as ASCII first;',
    '    lower-cased; dropped when without a letter, one character long, or a stop word; the kept words give',
    '    themselves and the bigrams of consecutive kept words (a Han run starts a new sequence). A cell of more',
    `    than ${MAX_NOTE_LENGTH} UTF-16 code units, or with at least ${BINARY_MIN_COUNT} control or U+FFFD characters that are 1 in ${BINARY_ONE_IN}`,
    '    of its code units or more, gives no terms.',
    '    """',
    '    if not isinstance(text, str):',
    '        return []',
    '    units = len(text.encode("utf-16-le", "surrogatepass")) // 2',
    `    if units > ${MAX_NOTE_LENGTH}:`,
    '        return []',
    '    controls = len(_NOTE_CONTROL.findall(text))',
    `    if controls >= ${BINARY_MIN_COUNT} and controls * ${BINARY_ONE_IN} >= units:`,
    '        return []',
    '    text = text.translate(_NOTE_FULLWIDTH)',
    '    terms = []',
    '    previous = None',
    '    for run in _NOTE_RUN.findall(text):',
    '        if run[0] >= "\\u3400":  # a Han run (word characters are all below U+0250)',
    '            terms.extend(run)',
    '            terms.extend(run[k:k + 2] for k in range(len(run) - 1))',
    '            previous = None',
    '        elif len(run) > 1 and _NOTE_LETTER.search(run):',
    '            word = run.lower()',
    '            if word not in NOTE_STOP_WORDS:',
    '                terms.append(word)',
    '                if previous is not None:',
    '                    terms.append(previous + " " + word)',
    '                previous = word',
    '    return terms',
  ];
}
