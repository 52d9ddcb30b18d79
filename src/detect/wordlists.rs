//! The rules' word lists (files of `assets/words/`) and their flags. Shared by the library
//! and the build script (which merges them into one static table, see `lexicon.rs`): this
//! module uses nothing outside itself.

bitflags::bitflags! {
    /// The lists a word is in: one flag a list.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    pub(crate) struct Flags: u64 {
        /// Sentence-initial function word or capitalised word never a name by itself ("The").
        const FUNC = 1;
        /// Common lower-case word.
        const COMMON = 1 << 1;
        /// Given name.
        const GIVEN = 1 << 2;
        /// Head of a title ("President", "Minister", "Dr.").
        const TITLE = 1 << 3;
        /// Modifier inside a title ("Prime", "Foreign", "Vice").
        const TITLE_MOD = 1 << 4;
        /// Organisation cue at the end of a name ("Ministry", "University").
        const ORG_CUE = 1 << 5;
        /// Place cue at the end of a name ("River", "Street").
        const PLACE_CUE = 1 << 6;
        /// Organisation cue at the start of a name, before "of" ("University of ...").
        const ORG_PREFIX = 1 << 7;
        /// Place cue at the start of a name ("Mount", "Lake", "Gulf of ...").
        const PLACE_PREFIX = 1 << 8;
        /// Lower-case word allowed inside a name ("of", "de", "bin").
        const JOINER = 1 << 9;
        /// Lower-case noun for a person's role ("spokesman", "student").
        const ROLE = 1 << 10;
        /// Lower-case noun standing for an organisation ("newspaper", "ministry").
        const ORG_ROLE = 1 << 11;
        /// Month name.
        const MONTH = 1 << 12;
        /// Weekday name.
        const WEEKDAY = 1 << 13;
        /// Reporting verb ("said", "announces").
        const REPORT = 1 << 14;
        /// Reporting verb that needs support (a quote or a named subject): "called", "described".
        const REPORT_WEAK = 1 << 15;
        /// Reporting verb form that is also a plural noun ("claims", "reports").
        const NOUNISH = 1 << 16;
        /// Pronoun for a person ("he", "she").
        const PRON_PERSON = 1 << 17;
        /// Pronoun for a thing ("it").
        const PRON_IT = 1 << 18;
        /// Word skipped between a subject and its verb ("also", "has").
        const SKIP = 1 << 19;
        /// Determiner or possessive pronoun ("the", "his").
        const DET = 1 << 20;
        /// Locative preposition ("in", "at").
        const LOC_PREP = 1 << 21;
        /// Unit of time ("weeks").
        const TIME_UNIT = 1 << 22;
        /// Number word ("two").
        const NUMBER = 1 << 23;
        /// Capitalised word that is not an actor ("Internet", "Christmas").
        const NON_ENTITY = 1 << 24;
        /// Plural or group noun for people ("officials", "leaders", "sides").
        const GROUP = 1 << 25;
        /// Noun of opinion that introduces a claim ("view", "belief").
        const OPINION = 1 << 26;
        /// Place-standing noun ("country", "city").
        const PLACE_ROLE = 1 << 27;
        /// Relative time word ("last", "next", "this").
        const REL_TIME = 1 << 28;
        /// Plural or group pronoun ("they", "we").
        const PRON_GROUP = 1 << 29;
        /// A product, not an actor ("iPhone", "Windows").
        const PRODUCT = 1 << 30;
        /// Last word of an event, a law or a period, not an actor ("Festival", "Act", "Cup").
        const EVENT_CUE = 1 << 31;
        /// First word of an organisation's name ("Instituto", "Team").
        const ORG_FIRST = 1 << 32;
        /// First word of a place's name ("Mount", "Lake").
        const PLACE_FIRST = 1 << 33;
        /// Capitalised name particle ("De", "Van", "Al").
        const PARTICLE = 1 << 34;
        /// Locative preposition that makes an unknown name a place ("in", "near").
        const IN_PREP = 1 << 35;
        /// Verb that reports speech only next to a quotation ("“...,” she continued").
        const QUOTE_VERB = 1 << 36;
        /// Verb of knowing, finding or agreeing that reports a claim before "that" ("agreed that").
        const REPORT_THAT = 1 << 37;
        /// Noun for a written or spoken statement, standing for its author ("the statement said").
        const DOC_NOUN = 1 << 38;
    }
}

/// The word-list files (`assets/words/NAME.txt`) of the lexicon, with the flags each gives
/// its words, in the order they are merged.
pub(crate) const LISTS: &[(&str, Flags)] = &[
    ("common_words", Flags::COMMON),
    ("given_names", Flags::GIVEN),
    ("function_words", Flags::FUNC.union(Flags::COMMON)),
    ("titles", Flags::TITLE),
    ("title_modifiers", Flags::TITLE_MOD),
    ("org_cues", Flags::ORG_CUE),
    ("place_cues", Flags::PLACE_CUE),
    ("org_prefixes", Flags::ORG_PREFIX),
    ("place_prefixes", Flags::PLACE_PREFIX),
    ("joiners", Flags::JOINER),
    ("roles", Flags::ROLE),
    ("org_roles", Flags::ORG_ROLE),
    ("months", Flags::MONTH),
    ("weekdays", Flags::WEEKDAY),
    ("reporting_verbs", Flags::REPORT),
    ("reporting_verbs_weak", Flags::REPORT_WEAK),
    ("nounish", Flags::NOUNISH),
    ("skipped", Flags::SKIP),
    ("determiners", Flags::DET),
    ("locative_prepositions", Flags::LOC_PREP),
    ("time_units", Flags::TIME_UNIT),
    ("numbers", Flags::NUMBER),
    ("non_entities", Flags::NON_ENTITY),
    ("groups", Flags::GROUP),
    ("opinions", Flags::OPINION),
    ("place_roles", Flags::PLACE_ROLE),
    ("relative_times", Flags::REL_TIME),
    ("pronouns_person", Flags::PRON_PERSON),
    ("pronouns_it", Flags::PRON_IT),
    ("pronouns_group", Flags::PRON_GROUP),
    ("products", Flags::PRODUCT),
    ("event_cues", Flags::EVENT_CUE),
    ("org_firsts", Flags::ORG_FIRST),
    ("place_firsts", Flags::PLACE_FIRST),
    ("particles", Flags::PARTICLE),
    ("place_prepositions", Flags::IN_PREP),
    ("quote_verbs", Flags::QUOTE_VERB),
    ("report_that", Flags::REPORT_THAT),
    ("doc_nouns", Flags::DOC_NOUN),
];

/// The words of a word-list file: one a line, surrounding whitespace trimmed; empty lines
/// and lines starting with `#` are skipped.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
}

/// All words of [`LISTS`] with their merged flags, in first-seen order; `text(name)` is the
/// text of the file `assets/words/{name}.txt`.
pub(crate) fn entries<'a>(text: impl Fn(&str) -> &'a str) -> Vec<(&'a str, Flags)> {
    let mut out: Vec<(&'a str, Flags)> = Vec::new();
    let mut index: std::collections::HashMap<&'a str, usize> = std::collections::HashMap::new();
    for &(name, flags) in LISTS {
        for w in words(text(name)) {
            match index.get(w) {
                Some(&i) => out[i].1 |= flags,
                None => {
                    index.insert(w, out.len());
                    out.push((w, flags));
                }
            }
        }
    }
    out
}
