#!/usr/bin/python3
"""Makes the TF-IDF fixtures of src/core/text: scikit-learn 1.2.1's TfidfVectorizer on clinical notes.

Usage: /usr/bin/python3 make_tfidf.py   (writes chinese.json, english.json, mixed.json, sublinear.json
and patients.json beside this file; deterministic: the notes come from random.Random with fixed seeds)

The note analyzer and the vocabulary rule are implemented here again, independently of the app's
TypeScript (src/core/text/tokenize.ts, tfidf.ts) and of the Python it exports (src/core/text/python.ts):
this one walks the characters one by one. Rules:

- A cell longer than 100,000 UTF-16 code units, or with at least 4 characters of U+0000-U+0008,
  U+000E-U+001F, U+FFFD that are at least 1 in 100 of its UTF-16 code units, gives no terms.
- Han characters (U+4E00-U+9FFF, U+3400-U+4DBF, U+F900-U+FAFF): each maximal run gives its characters
  and its adjacent pairs.
- Words: maximal runs of A-Z a-z, U+00C0-U+024F except U+00D7, U+00F7, U+0130, and 0-9; dropped when
  without a letter, one character long, or (lower-cased) in STOP; the kept words give themselves and
  the bigrams "previous word" of consecutive kept words; a Han run starts the word sequence afresh.
- Vocabulary: the terms found in the training notes of at least min_patients patients (a row without a
  patient, or every row when the case has no patients, is a patient of its own); the max_terms with the
  highest total count (ties: code-point order); sorted.

Each case: the notes (null = missing cell, an empty document for scikit-learn), the patient of each row
(or null), the training and test rows, the analyzer's terms of each note, the stop list, the vocabulary, how many terms
were eligible, idf_, and the training and test matrices of
TfidfVectorizer(analyzer=analyze, vocabulary=vocabulary, smooth_idf=True, norm="l2", sublinear_tf=...)
fitted on the training notes (row-major, exact zeros written as 0).
"""
import json, os, random
from collections import Counter, defaultdict
import numpy as np, sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

assert sklearn.__version__ == "1.2.1", sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))

MAX_UNITS = 100000
STOP = {
    "a", "am", "an", "and", "are", "at", "be", "been", "being", "but", "by", "can", "could", "did", "do",
    "does", "for", "from", "had", "has", "have", "having", "he", "her", "hers", "him", "his", "i", "if",
    "in", "into", "is", "it", "its", "may", "me", "might", "must", "my", "of", "on", "onto", "or", "our",
    "ours", "shall", "she", "should", "so", "than", "that", "the", "their", "theirs", "them", "then",
    "there", "these", "they", "this", "those", "to", "via", "was", "we", "were", "what", "which", "who",
    "whom", "will", "with", "would", "you", "your", "yours",
}
for kept in ["no", "not", "without", "denies", "negative", "nor", "none", "absent", "as", "us"]:
    assert kept not in STOP


def utf16_units(text):
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def ignored(text):
    units = utf16_units(text)
    if units > MAX_UNITS:
        return "too-long"
    bad = sum(1 for ch in text if ord(ch) <= 0x08 or 0x0E <= ord(ch) <= 0x1F or ord(ch) == 0xFFFD)
    return "binary" if bad >= 4 and bad * 100 >= units else None


def is_han(ch):
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def is_letter(ch):
    o = ord(ch)
    return ("A" <= ch <= "Z") or ("a" <= ch <= "z") or (0xC0 <= o <= 0x24F and o not in (0xD7, 0xF7, 0x130))


def char_class(ch):
    if is_han(ch):
        return "han"
    if is_letter(ch) or "0" <= ch <= "9":
        return "word"
    return None


def analyze(text):
    """The note's term occurrences."""
    if ignored(text):
        return []
    # fullwidth digits and Latin letters (ＣＴ, ３) are read as ASCII
    text = "".join(chr(ord(ch) - 0xFEE0) if ("\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a") else ch for ch in text)
    runs = []  # [class, characters] of maximal runs; separators are runs of their own
    for ch in text:
        c = char_class(ch)
        if c is not None and runs and runs[-1][0] == c:
            runs[-1][1].append(ch)
        else:
            runs.append([c, [ch]])
    out, previous = [], None
    for c, chars in runs:
        run = "".join(chars)
        if c == "han":
            out.extend(chars)
            out.extend(chars[k] + chars[k + 1] for k in range(len(chars) - 1))
            previous = None
        elif c == "word":
            if len(chars) < 2 or not any(is_letter(ch) for ch in chars):
                continue
            word = run.lower()
            if word in STOP:
                continue
            out.append(word)
            if previous is not None:
                out.append(previous + " " + word)
            previous = word
    return out


def vocabulary(terms, unit_of, train, min_patients, max_terms):
    """The eligible terms' count and the kept vocabulary (sorted)."""
    total, units = Counter(), defaultdict(set)
    for i in train:
        for t in terms[i]:
            total[t] += 1
            units[t].add(unit_of[i])
    eligible = [t for t in units if len(units[t]) >= min_patients]
    ranked = sorted(eligible, key=lambda t: (-total[t], t))
    return sorted(ranked[:max_terms]), len(eligible)


def dense(X):
    return [[0 if v == 0 else float(v) for v in row] for row in X.toarray()]


def case(file, name, notes, train, test, patients=None, min_patients=5, max_terms=200, sublinear=False, extra=None):
    docs = ["" if x is None else x for x in notes]
    terms = [analyze(d) for d in docs]
    unit_of = [("patient", patients[i]) if patients is not None and patients[i] is not None else ("row", i) for i in range(len(docs))]
    vocab, eligible = vocabulary(terms, unit_of, train, min_patients, max_terms)
    vec = TfidfVectorizer(analyzer=analyze, vocabulary=vocab, smooth_idf=True, norm="l2", sublinear_tf=sublinear)
    Xtr = vec.fit_transform([docs[i] for i in train])
    Xte = vec.transform([docs[i] for i in test])
    assert list(vec.get_feature_names_out()) == vocab
    ignored_train = Counter(ignored(docs[i]) for i in train if notes[i] is not None)
    out = {
        "name": name,
        "options": {"maxTerms": max_terms, "minPatients": min_patients, "sublinearTf": sublinear},
        "notes": notes, "patients": patients, "train": train, "test": test,
        "terms": [None if notes[i] is None else terms[i] for i in range(len(notes))],
        "stopWords": sorted(STOP), "vocabulary": vocab, "eligible": eligible,
        "ignored": {"tooLong": ignored_train["too-long"], "binary": ignored_train["binary"]},
        "idf": [float(v) for v in vec.idf_],
        "trainX": dense(Xtr), "testX": dense(Xte),
    }
    if extra:
        out.update(extra(terms, unit_of, vocab))
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    assert len(text.encode("utf-8")) < 200_000, (file, len(text))
    with open(os.path.join(HERE, file), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(f"{file}: {len(notes)} notes, {len(vocab)} of {eligible} eligible terms, {len(text.encode('utf-8'))} bytes")


def split(r, n, test_share=0.25, keep_in_train=()):
    rows = list(range(n))
    r.shuffle(rows)
    test = sorted(i for i in rows[: round(n * test_share)] if i not in keep_in_train)
    train = sorted(set(range(n)) - set(test))
    return train, test


# ---- phrase pools (no 张 or 伟 anywhere: those are the planted name's characters) ----
ZH_SYMPTOMS = ["胸痛", "胸闷", "气短", "咳嗽", "咳痰", "发热", "头痛", "头晕", "乏力", "腹痛", "腹泻", "恶心",
               "呕吐", "心悸", "呼吸困难", "双下肢水肿", "尿频", "尿急", "纳差", "消瘦", "关节疼痛", "皮疹", "黑便", "咯血"]
ZH_DURATIONS = ["3天", "2天", "1周", "2周", "1月", "半年", "10年", "5小时", "10余天", "3月"]
ZH_HISTORY = ["高血压", "糖尿病", "冠心病", "慢性支气管炎", "脑梗死", "肝硬化"]


def zh_clause(r):
    s, s2 = r.sample(ZH_SYMPTOMS, 2)
    d, d2 = r.choice(ZH_DURATIONS), r.choice(ZH_DURATIONS)
    h = r.choice(ZH_HISTORY)
    return r.choice([
        f"{s}{d}", f"{s}伴{s2}{d}", f"无明显诱因出现{s}，{d}", f"反复{s}{d}，加重{d2}",
        f"活动后{s}，休息后缓解", f"既往{h}病史{r.randint(1, 20)}年", f"否认{h}病史", f"无{s}，无{s2}",
        f"患者自诉{s}{d}", f"{s}、{s2}", f"体温{r.randint(36, 40)}.{r.randint(0, 9)}℃",
    ])


def zh_note(r):
    return r.choice(["，", "。", "；"]).join(zh_clause(r) for _ in range(r.randint(1, 3))) + r.choice(["", "。"])


EN_SYMPTOMS = ["chest pain", "shortness of breath", "cough", "fever", "headache", "abdominal pain", "nausea",
               "vomiting", "dizziness", "palpitations", "back pain", "fatigue", "sore throat", "leg swelling", "syncope"]
EN_DIAGNOSES = ["Pneumonia", "Acute MI", "CHF exacerbation", "COPD exacerbation", "Type 2 diabetes", "Hypertension",
                "UTI", "Sepsis", "Vitamin B12 deficiency", "COVID19 infection", "Atrial fibrillation",
                "Ménière disease", "Sjögren syndrome", "Severe AS", "DVT of the left leg"]


def en_clause(r):
    s, s2 = r.sample(EN_SYMPTOMS, 2)
    S = s[0].upper() + s[1:]
    d = r.choice(EN_DIAGNOSES)
    n = r.randint(1, 14)
    return r.choice([
        f"{S} for {n} days", f"{S} x{n} weeks", f"Denies {s}.", f"No {s}, no {s2}.", f"{S} without {s2}",
        f"Negative for {s}", f"Hx of HTN, DM; BP {r.randint(100, 190)}/{r.randint(60, 110)}", f"{d}, not resolved",
        S.upper(), f"{d}", "None", f"Absent pulses in the {r.choice(['left', 'right'])} foot",
        f"The patient is a {r.randint(20, 90)} yo {r.choice(['male', 'female'])} with {s}",
        f"Pt states {s} started {n} hours ago; rated {r.randint(1, 10)}/10.", f"{S}, nor {s2}",
        f"US of the abdomen: {r.choice(['normal', 'gallstones'])}",
    ])


def en_note(r):
    return " ".join(en_clause(r) for _ in range(r.randint(1, 3)))


MIXED = [
    lambda r: f"患者{r.choice(['COPD', 'CHF', 'HTN', 'DM'])}病史{r.randint(1, 20)}年，{zh_clause(r)}",
    lambda r: f"CT示{r.choice(['右下肺炎症', '双肺纹理增粗', '未见明显异常', '左侧胸腔积液'])}",
    lambda r: f"BP {r.randint(100, 190)}/{r.randint(60, 110)} mmHg，HR {r.randint(50, 130)}次/分",
    lambda r: "头颅CT未见异常",
    lambda r: f"2型糖尿病，HbA1c {r.randint(5, 12)}.{r.randint(0, 9)}%",
    lambda r: "心电图示ST段压低",
    lambda r: f"PCI术后{r.randint(1, 24)}月，{zh_clause(r)}",
    lambda r: f"{r.choice(EN_SYMPTOMS).capitalize()} {r.choice(ZH_DURATIONS)}, no fever",
    lambda r: f"ICU转入，{r.choice(['SpO2', 'PaO2'])} {r.randint(80, 99)}%",
    lambda r: zh_note(r),
    lambda r: en_note(r),
]


def mixed_note(r):
    return "；".join(r.choice(MIXED)(r) for _ in range(r.randint(1, 2)))


# ---- the cases ----
r = random.Random(20240601)
notes = [zh_note(r) for _ in range(160)]
for i in r.sample(range(160), 6):
    notes[i] = None
train, test = split(r, len(notes))
case("chinese.json", "Chinese chief complaints and histories, 40 terms kept", notes, train, test, max_terms=40)

r = random.Random(20240602)
notes = [en_note(r) for _ in range(150)]
for i in r.sample(range(150), 5):
    notes[i] = None
train, test = split(r, len(notes))
case("english.json", "English complaints and diagnoses (negations, upper case, digits, accents)", notes, train, test, max_terms=60)

r = random.Random(20240603)
notes = [mixed_note(r) for _ in range(150)]
notes[3] = "\x00\x01\x02\x03PK\x03\x04 binary 胸痛"                          # binary-looking: no terms
notes[7] = "咳嗽" + "\ufffd" + "，" + "发热伴寒战，" * 30                      # one replacement character in a note: kept
notes[11] = "12.5"
notes[12] = "130/80"
for i in r.sample(range(20, 150), 5):
    notes[i] = None
train, test = split(r, len(notes), keep_in_train={3, 7})
case("mixed.json", "Chinese with English abbreviations, numbers and a binary-looking cell", notes, train, test, min_patients=3, max_terms=80)

r = random.Random(20240604)
notes = []
for _ in range(120):
    x = en_note(r) if r.random() < 0.5 else zh_note(r)
    if r.random() < 0.5:  # repeated terms, where 1 + ln(tf) differs from tf
        x = x + " " + " ".join([r.choice(["pain", "fever", "cough"])] * r.randint(2, 5)) + " " + "咳嗽" * r.randint(1, 4)
    notes.append(x)
train, test = split(r, len(notes))
case("sublinear.json", "sublinear tf on repeated terms", notes, train, test, min_patients=3, max_terms=50, sublinear=True)

# Patients: 45 keyed patients with 1-4 rows each, and 6 rows without a key. A name (张伟, Smith) and a record
# number (ZY20230417) are planted in 6 rows of one patient and 1 row of each of two others: 8 rows, 3 patients.
r = random.Random(20240605)
notes, patients = [], []
for p in range(45):
    for _ in range(r.randint(1, 4)):
        notes.append(mixed_note(r) if r.random() < 0.3 else (zh_note(r) if r.random() < 0.5 else en_note(r)))
        patients.append(f"P{p:03d}")
for _ in range(6):
    notes.append(zh_note(r))
    patients.append(None)
PLANT = "患者张伟，Mr Smith，住院号ZY20230417：{}"
planted = []
for p, k in [("P007", 6), ("P012", 1), ("P030", 1)]:
    rows = [i for i, q in enumerate(patients) if q == p]
    while len(rows) < k:  # give the patient more visits
        notes.append(zh_note(r))
        patients.append(p)
        rows.append(len(notes) - 1)
    for i in rows[:k]:
        notes[i] = PLANT.format(notes[i])
        planted.append(i)
train, test = split(r, len(notes), keep_in_train=set(planted))
PLANTED_TERMS = ["张", "伟", "张伟", "smith", "zy20230417"]


def by_rows(terms, _unit_of, vocab):
    rows_vocab, rows_eligible = vocabulary(terms, [("row", i) for i in range(len(terms))], train, 5, 200)
    for t in PLANTED_TERMS:
        assert t not in vocab, t
        assert t in rows_vocab, t  # counted by rows, the plants would be kept
    return {"planted": PLANTED_TERMS, "plantedRows": sorted(planted),
            "byRows": {"vocabulary": rows_vocab, "eligible": rows_eligible}}


case("patients.json", "a name and a record number in 8 rows of 3 patients (6 of one)", notes, train, test, patients=patients,
     min_patients=5, max_terms=200, extra=by_rows)
