//! The message as the rules read it: folded to lowercase ASCII for matching (curly
//! apostrophes, accents and emoji made plain), split into words and sentences, with every
//! word remembering the byte range it came from in the original text.

use std::ops::Range;

/// One word of the folded text: lowercase ASCII letters and digits, with inner
/// apostrophes kept (`i'm`, `team's`).
#[derive(Debug, Clone)]
pub(super) struct Word {
    pub(super) text: String,
    /// Byte range in the original message, on char boundaries.
    pub(super) span: Range<usize>,
    /// Inside double quotes or on a `>` line: someone else's words, not the seeker's.
    pub(super) quoted: bool,
}

/// A sentence: a run of words ended by `.`, `!`, `?` or a line break that ends a thought.
#[derive(Debug, Clone)]
pub(super) struct Sentence {
    /// Indices into [`Text::words`].
    pub(super) words: Range<usize>,
    pub(super) question: bool,
}

#[derive(Debug)]
pub(super) struct Text {
    pub(super) words: Vec<Word>,
    pub(super) sentences: Vec<Sentence>,
}

/// What one original char reads as.
enum Folded {
    Letters(String),
    Apostrophe,
    Quote,
    Stop { question: bool },
    Newline,
    Space,
}

fn fold_char(c: char) -> Folded {
    match c {
        'a'..='z' | '0'..='9' => Folded::Letters(c.to_string()),
        'A'..='Z' => Folded::Letters(c.to_ascii_lowercase().to_string()),
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' | '`' => Folded::Apostrophe,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => Folded::Quote,
        '?' | '\u{FF1F}' => Folded::Stop { question: true },
        '.' | '!' | '\u{2026}' | '\u{FF01}' => Folded::Stop { question: false },
        '\n' => Folded::Newline,
        c if c.is_alphabetic() => {
            let plain: String = deunicode::deunicode_char(c)
                .unwrap_or("")
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if plain.is_empty() {
                Folded::Space
            } else {
                Folded::Letters(plain)
            }
        }
        _ => Folded::Space,
    }
}

impl Text {
    pub(super) fn new(message: &str) -> Self {
        let mut words: Vec<Word> = Vec::new();
        let mut sentences = Vec::new();
        let mut sentence_start = 0;
        let mut current: Option<Word> = None;
        let mut in_quote = false;
        let quote_count = message
            .chars()
            .filter(|c| matches!(fold_char(*c), Folded::Quote))
            .count();
        // An unpaired last quote mark opens nothing: it is a typo or an inch sign.
        let mut quotes_left = quote_count - quote_count % 2;
        let mut line_quoted = message.trim_start().starts_with('>');

        let mut chars = message.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let end = at + c.len_utf8();
            let folded = fold_char(c);
            // An apostrophe inside a word stays part of it; anywhere else it separates.
            let next_is_letter = chars
                .peek()
                .is_some_and(|(_, n)| matches!(fold_char(*n), Folded::Letters(_)));
            match folded {
                Folded::Letters(s) => {
                    let word = current.get_or_insert_with(|| Word {
                        text: String::new(),
                        span: at..end,
                        quoted: in_quote || line_quoted,
                    });
                    word.text.push_str(&s);
                    word.span.end = end;
                }
                Folded::Apostrophe if current.is_some() && next_is_letter => {
                    if let Some(word) = current.as_mut() {
                        word.text.push('\'');
                        word.span.end = end;
                    }
                }
                other => {
                    words.extend(current.take());
                    match other {
                        Folded::Quote if quotes_left > 0 => {
                            in_quote = !in_quote;
                            quotes_left -= 1;
                        }
                        Folded::Stop { question } => {
                            // `node.js`, `3.5`, `e.g.`: a stop needs space or the end after it.
                            let ends = chars.peek().is_none_or(|(_, n)| {
                                n.is_whitespace() || matches!(fold_char(*n), Folded::Stop { .. })
                            });
                            if ends || question {
                                push_sentence(
                                    &mut sentences,
                                    &mut sentence_start,
                                    &words,
                                    question,
                                );
                            }
                        }
                        Folded::Newline => {
                            let rest = &message[end..];
                            line_quoted = rest.trim_start_matches([' ', '\t']).starts_with('>');
                            if line_ends_thought(&message[..at], rest) {
                                push_sentence(&mut sentences, &mut sentence_start, &words, false);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        words.extend(current.take());
        push_sentence(&mut sentences, &mut sentence_start, &words, false);
        Self { words, sentences }
    }

    /// The words of a sentence that are the seeker's own (not quoted).
    pub(super) fn own_words(&self, sentence: &Sentence) -> Vec<usize> {
        sentence
            .words
            .clone()
            .filter(|&i| !self.words[i].quoted)
            .collect()
    }

    pub(super) fn word_count(&self) -> usize {
        self.words.len()
    }
}

fn push_sentence(sentences: &mut Vec<Sentence>, start: &mut usize, words: &[Word], question: bool) {
    if words.len() > *start {
        sentences.push(Sentence {
            words: *start..words.len(),
            question,
        });
        *start = words.len();
    } else if question {
        // `... right ?` or `??`: the question mark belongs to the sentence before.
        if let Some(last) = sentences.last_mut() {
            last.question = true;
        }
    }
}

/// A line break ends a sentence unless it wraps mid-sentence (a lowercase word on both
/// sides), as a hard-wrapped email does.
fn line_ends_thought(before: &str, after: &str) -> bool {
    let prev = before.trim_end_matches([' ', '\t']).chars().last();
    let next = after.trim_start_matches([' ', '\t']).chars().next();
    let wraps = prev.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || c == ',')
        && next.is_some_and(char::is_lowercase);
    !wraps
}

/// A pattern over words, written as space-separated elements:
/// `a|b` one word among alternatives (`pre*` matches by prefix, `*ed` by suffix), `?a|b`
/// an optional word,
/// `~N` between zero and N words of anything.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pattern(pub(super) &'static str);

impl Pattern {
    /// Every match in `words` (indices into the text's words), as (first, last) index pairs
    /// into `words`. A match starting inside an earlier one is not reported.
    pub(super) fn find(self, text: &Text, words: &[usize]) -> Vec<Range<usize>> {
        let elements: Vec<&str> = self.0.split_whitespace().collect();
        find_elements(text, words, &elements)
    }
}

/// [`Pattern::find`] for a pattern already split into elements.
pub(super) fn find_elements(text: &Text, words: &[usize], elements: &[&str]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while from < words.len() {
        match match_at(text, words, from, elements) {
            Some(end) if end > from => {
                found.push(from..end);
                from = end;
            }
            _ => from += 1,
        }
    }
    found
}

fn word_matches(word: &str, alternatives: &str) -> bool {
    alternatives.split('|').any(|alt| {
        if let Some(prefix) = alt.strip_suffix('*') {
            word.starts_with(prefix)
        } else if let Some(suffix) = alt.strip_prefix('*') {
            word.len() > suffix.len() + 1 && word.ends_with(suffix)
        } else {
            word == alt
        }
    })
}

/// The end (exclusive, as an index into `words`) of a match of `elements` starting at `at`.
fn match_at(text: &Text, words: &[usize], at: usize, elements: &[&str]) -> Option<usize> {
    let Some((first, rest)) = elements.split_first() else {
        return Some(at);
    };
    if let Some(n) = first.strip_prefix('~') {
        let n: usize = n.parse().unwrap_or(0);
        return (0..=n)
            .filter(|k| at + k <= words.len())
            .find_map(|k| match_at(text, words, at + k, rest));
    }
    let (optional, alternatives) = match first.strip_prefix('?') {
        Some(alts) => (true, alts),
        None => (false, *first),
    };
    let here = words
        .get(at)
        .is_some_and(|&w| word_matches(&text.words[w].text, alternatives));
    if let Some(end) = here.then(|| match_at(text, words, at + 1, rest)).flatten() {
        return Some(end);
    }
    if optional {
        match_at(text, words, at, rest)
    } else {
        None
    }
}
