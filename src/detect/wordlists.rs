//! The rules' word lists and their flags. Shared by the library and the build script
//! (which merges them into one static table, see `lexicon.rs`): this module uses nothing
//! outside itself.

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

const FUNC_WORDS: &str = "the a an in on at of for to from by with without about after before during since until \
    however but and or nor yet so also although though while whereas when whenever where wherever why how what which who whom whose \
    this that these those there here then thus therefore hence meanwhile moreover furthermore nevertheless nonetheless \
    instead otherwise still even only just already again once twice perhaps maybe indeed certainly clearly \
    it its it's he she they we i you his her their our my your him them us me one some many most more much few several \
    all both each every either neither no not none any another other such same own \
    if unless because as than like unlike despite between among amid amidst against toward towards across through throughout \
    within beyond under over above below behind beside besides inside outside near around along via per upon into onto off out up down \
    following according regarding concerning including excluding given considering \
    conversely similarly additionally consequently subsequently initially finally ultimately eventually currently recently previously \
    later earlier today yesterday tomorrow now soon tonight \
    yes oh ok okay please thanks dear hello hi \
    is are was were be been being has have had do does did will would shall should can could may might must \
    let let's don't can't won't isn't aren't wasn't weren't didn't doesn't haven't hasn't hadn't \
    mr mrs ms dr sir madam \
    first second third last next new old former late top senior chief general major \
    image photo video watch read listen see related source sources update updated editor's";

const TITLES: &str = "President Minister Chancellor Premier Senator Sen. Sen Rep. Rep Representative Congressman Congresswoman \
    Gov. Gov Governor Mayor Dr. Dr Mr. Mr Mrs. Mrs Ms. Ms Miss Mx Prof. Prof Professor King Queen Prince Princess Pope \
    Ambassador Secretary Gen. Lt. Col. Maj. Capt. Sgt. Adm. Cpl. Pvt. Cmdr. Lieutenant Colonel Sergeant Admiral Commander Marshal \
    Judge Justice Chairman Chairwoman Chairperson CEO Commissioner Sheriff Detective Inspector Constable Superintendent \
    Rev. Reverend Father Sheikh Sheik Emir Ayatollah Imam Rabbi Cardinal Bishop Archbishop Patriarch Speaker Lord Lady Sir Dame \
    Duke Duchess Earl Count Baron Baroness Sultan Tsar Czar Crown Coach Captain Chief Director President-elect Vice-President \
    Spokesman Spokeswoman Spokesperson MP MEP Councillor Councilman Councilwoman Alderman Senators Ministers Presidents Kings \
    Secretary-General Director-General Attorney-General Solicitor-General Governor-General Deputy Leader Envoy \
    Majesty Highness Excellency Holiness Mister Justices Judges Governors Mayors";

const TITLE_MODS: &str = "Prime Foreign Defence Defense Interior Home Finance Health Justice Education Trade Economy Energy \
    Culture Transport Transportation Environment Agriculture Labour Labor Treasury State Deputy Vice Acting Interim Former \
    Chief Senior Executive General Attorney Solicitor Supreme Grand Crown Opposition Party Majority Minority House Senate \
    Lieutenant Field Brigadier Rear Major Staff First Lord Lady High Special Principal Assistant Associate Press \
    Secretary Minister Federal National Regional Provincial Commerce Immigration Security Intelligence Army Navy Air Police";

const ORG_CUES: &str = "Ministry Ministries Municipality Patrol Survey Observatory Laboratory Commissariat University Universities Party Council Agency Company Companies Inc Inc. Corp Corp. \
    Corporation Ltd Ltd. LLC Plc PLC Co. Group Association Institute Institution Committee Commission Department Bank Foundation \
    Society Church Organisation Organization Union Federation League Court Tribunal Police Army Navy Force Forces Guard Corps \
    Brigade Brigades Battalion Regiment Division Command Times News Post Journal Magazine Press Gazette Herald Tribune Daily \
    Weekly Review Network Broadcasting Radio Television TV Channel Club Team Airlines Airways Motors Systems Technologies Technology \
    Labs Laboratories Pharmaceuticals Industries Holdings Partners Capital Ventures Media Entertainment Studios Records Games \
    School College Academy Board Bureau Office Service Services Authority Trust Fund Assembly Parliament Congress Senate Cabinet \
    Government Administration Movement Front Coalition Alliance Consortium Federation Conference Cooperative Collective Caucus \
    Secretariat Directorate Inspectorate Council's Unit Centre's Fellowship Brotherhood Mission Commandos Militia Rebels \
    Initiative Project Program Programme Institute's Association's Observatory Ltd Bancorp Insurance Energy Oil Petroleum \
    Electric Telecom Communications Railways Railway Ballet Orchestra Choir Band Legion Squad Party's Council Cooperation";

const PLACE_CUES: &str = "River Rivers Street St. Avenue Ave. Ave Road Rd. Boulevard Blvd. Lane Square Park Province County \
    City Island Islands Mountain Mountains Mount Lake Lakes Bay Sea Ocean Valley Canyon Desert Peninsula Coast Beach Bridge \
    Airport Station Hall Stadium Arena Center Centre Tower Towers Building Hotel Palace Castle Cathedral Mosque Temple Synagogue \
    Region Prefecture Territory Territories Heights Hills Falls Forest Harbor Harbour Village Town Township Borough Oblast Krai \
    Governorate District Highway Freeway Motorway Strait Straits Gulf Canal Dam Reservoir Prison Base Camp Plaza Gardens Mall \
    Market Field Fields Pass Glacier Volcano Reef Plateau Plain Plains Delta Basin Marsh Springs Cove Point Estate Quarter \
    Memorial Monument Museum Zoo Library Theatre Theater Hospital Square Circuit Speedway Racecourse Cemetery Port Pier";

const ORG_PREFIXES: &str = "University Municipality Bank Ministry Department Council Church Institute Academy College School Federation \
    Association Union League Court House Party Army Board Bureau Office Commission Committee Society Museum Order Congregation \
    Daughters Sons Friends Knights Organisation Organization Agency Centre Center Centers Coalition Alliance Movement Fund \
    Foundation Embassy Consulate Parliament Cabinet Government Senate Assembly Chamber Federal Supreme";

const PLACE_PREFIXES: &str = "Mount Mt. Lake Port Fort Cape Gulf Bay Isle Isles Republic Kingdom State Province City \
    County Strait Straits Sea Island Islands Sultanate Emirate Principality Duchy Commonwealth Valley Plain Plains";

const JOINERS: &str = "of de du des del della degli di da do dos das van von der den ter ten la le les bin ibn bint al el y e \
    and-the of-the &";

const ROLES: &str = "president minister senator spokesman spokeswoman spokesperson leader chancellor secretary ambassador \
    governor mayor chairman chairwoman chair director founder co-founder ceo executive official officer professor student \
    member actor actress singer musician writer author artist illustrator journalist reporter correspondent editor analyst \
    economist scientist researcher lawyer attorney judge coach player striker midfielder defender goalkeeper captain commander \
    general colonel activist candidate rival opponent teammate cosplayer photographer filmmaker producer comedian rapper star \
    legend champion footballer cricketer athlete driver pilot soldier doctor nurse teacher pastor priest cleric imam rabbi bishop \
    archbishop wife husband son daughter father mother brother sister boss chief deputy aide adviser advisor envoy diplomat \
    negotiator lawmaker legislator congressman congresswoman mp councillor resident victim suspect survivor witness owner \
    businessman businesswoman entrepreneur investor billionaire millionaire tycoon magnate dissident defector critic blogger poet \
    novelist historian philosopher physicist chemist biologist astronaut manager head presenter host anchor commentator \
    columnist pundit strategist pollster prosecutor spokesperson premier king queen prince princess pope dictator monarch emperor \
    sheikh emir sultan cardinal designer architect engineer inventor explorer climber skier swimmer runner cyclist boxer wrestler \
    fighter golfer sprinter chef inmate prisoner hostage detainee mp representative delegate governor-general \
    secretary-general director-general superintendent inspector detective sheriff constable officer sergeant lieutenant admiral \
    marshal advocate campaigner organiser organizer protester demonstrator volunteer worker employee contractor consultant \
    surgeon psychologist psychiatrist physician dentist pharmacist veterinarian therapist commissioner deputy mayor-elect \
    president-elect vice-president cofounder grandson granddaughter nephew niece uncle aunt cousin widow fiancé fiancée partner \
    girlfriend boyfriend colleague friend neighbour neighbor mentor pupil apprentice graduate alumnus alumna fan";

const ORG_ROLES: &str = "newspaper paper daily broadcaster channel outlet agency ministry company firm group organisation \
    organization government administration department office embassy bank party council committee commission court \
    university institute school military army navy regime authority authorities network station magazine website publication \
    tabloid club team union federation association alliance coalition movement campaign church kremlin board bureau service \
    website";

const MONTHS: &str = "January February March April May June July August September October November December \
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. Jan Feb Aug Sept Oct Nov Dec";

const WEEKDAYS: &str = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday";

const REPORTS: &str = "said says say told tells tell announced announces announce claimed claim denied denies deny \
    warned warns warn stated states added adds argued argues argue insisted insists insist noted notes reported reports \
    confirmed confirms promised promises acknowledged acknowledges admitted admits explained explains suggested suggests \
    wrote writes tweeted tweets posted asserted asserts alleged alleges urged urges vowed vows pledged pledges predicted predicts \
    estimated estimates concluded concludes revealed reveals declared declares commented comments responded responds replied \
    replies recalled recalls stressed stresses emphasized emphasised emphasizes emphasises maintained maintains complained \
    complains criticized criticised criticizes criticises condemned condemns welcomed welcomes rejected rejects dismissed \
    dismisses expressed expresses accused accuses blamed blames disclosed discloses indicated indicates observed observes \
    remarked remarks announcing saying telling claiming denying warning stating adding arguing insisting noting reporting \
    confirming promising acknowledging admitting explaining suggesting writing asserting alleging urging vowing pledging \
    predicting declaring commenting responding replying stressing emphasizing emphasising describing calling praising \
    asked asks questioned questions believes believe believed thinks think thought hopes hoped fears feared feels felt \
    testified testifies informed informs assured assures reiterated reiterates countered counters contended contends \
    lamented laments conceded concedes boasted boasts threatened threatens demanded demands proposed proposes \
    claims accusing blaming conceding condemning criticising criticizing dismissing rejecting recalling reiterating \
    repeated repeats mentioned mentions characterised characterized characterises characterizes characterising \
    characterizing";

const REPORTS_WEAK: &str = "apologised apologized apologises apologizes apologising apologizing called calls described describes praised praises thought believes believe believed thinks think \
    hopes hoped fears feared feels felt asked asks questioned questions threatened threatens demanded demands proposed proposes \
    posted responded responds replied replies observed observes indicated indicates reported reports";

const NOUNISH_WORDS: &str = "claims claim reports states notes promises comments remarks estimates questions calls demands \
    proposes threatens hopes fears tweets posts pledges vows warns denies deny admits states";

const SKIPS: &str = "also later then has have had was were is are been being would will could should might may must can did \
    does do not never n't reportedly previously recently publicly repeatedly again further separately earlier once already \
    still even just firmly strongly openly officially personally quickly immediately explicitly directly simply initially \
    finally subsequently allegedly apparently reportedly privately jointly formally angrily bluntly flatly clearly frankly \
    yesterday today";

const DETS: &str = "the a an this that these those his her its their our my your some any no every each such many several \
    few all both other another of and or with new";

const LOC_PREPS: &str = "in at to from near outside inside across around into via through toward towards throughout within \
    visited visit visiting visits landed arrived reached entered left fled";

const TIME_UNITS: &str = "year years month months week weeks day days decade decades century centuries hour hours minute \
    minutes weekend weekends night nights morning mornings evening afternoon summer winter spring autumn fall quarter";

const NUMBERS: &str = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen \
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred a an several few many some \
    couple dozen";

const NON_ENTITIES: &str = "Internet Christmas Easter Ramadan Eid Hanukkah Diwali Thanksgiving Halloween God Allah Bible \
    Quran Koran Torah Muslim Christian Catholic Protestant Jewish Sunni Shia Shiite Hindu Buddhist Sikh Jew Mormon Evangelical Scientologist Islam Christianity \
    Judaism Hinduism Buddhism Islamist Islamists Arabic English Latin Spanish French German Russian Chinese Mandarin Cantonese \
    Hebrew Persian Farsi Urdu Hindi Covid COVID COVID-19 Covid-19 Coronavirus SARS-CoV-2 Ebola HIV AIDS Zika Mpox Omicron Delta \
    Image Photo Video Source Sources Wikinews Update Reuters/Ipsos Olympics Olympic Paralympics Paralympic Games Cup World \
    Grand Prix Championship Championships Tour Festival Award Awards Prize Oscar Oscars Emmy Emmys Grammy Grammys Nobel \
    Twitter/X Web Net Earth Sun Moon Mars Venus Jupiter Saturn Mercury Pluto Neptune Uranus Milky Way Gen OK TV PM AM BC AD CE \
    GMT UTC EST PST CET EU-wide Mr Mrs Ms Dr I I'm I've I'd I'll Q A Q&A Democrats Republicans Democrat Republican Liberal \
    Conservative Labour Tory Tories Green Greens Left Right Communist Communists Socialist Socialists Nazi Nazis Soviet Western \
    Eastern Northern Southern North South East West Central Northeast Northwest Southeast Southwest Arctic Statement Report \
    Act Bill Law Treaty Agreement Accord Accords Convention Protocol Constitution Amendment Article Section Chapter Part Phase \
    Operation Week Day Year Era Age War Wars Revolution Crisis Summit Forum Talks Conference Election Elections Campaign Budget \
    VIP IQ POTUS FLOTUS CEO CFO CTO COO GDP GNP UFO DNA RNA TV PC IT AI VR AR NGO NGOs MP MPs FAQ ID PR HR CV ASAP FYI \
    LGBT LGBTQ ATM SUV CO2 UV BBQ DIY IPO ETF VAT NB PS RIP OMG LOL Brexit Category Celsius Fahrenheit \
    Richter Democratic Roman No. EDT EST CDT CST MDT MST PDT PST BST CEST IST JST AEST AEDT ET PT CT HM";

const PRODUCTS: &str = "Windows iPhone iPad iPod iOS Android macOS MacBook Chrome Firefox Safari Internet PlayStation \
    Playstation Xbox Wii Kindle Alexa Siri Cortana Gmail Outlook Excel PowerPoint Photoshop Linux Unix Ubuntu Bitcoin \
    Ethereum ChatGPT Copilot HTML CSS JavaScript SQL XML JSON PDF USB Wi-Fi WiFi Bluetooth GPS LED LCD DVD MP3 JPEG";

const EVENT_CUES: &str = "Festival Festivals Olympics Games Cup Championship Championships Expo Fair Awards Award Prize \
    Marathon Open War Wars Act Acts Treaty Accord Accords Agreement Protocol Convention Day Days Week Year Season Series Tour \
    Show Summit Crisis Revolution Uprising Massacre Bombing Attack Attacks Disaster Election Elections Referendum Bill Law \
    Amendment Constitution Declaration Doctrine Plan Strategy Report Index Trophy Prix Tournament Match Final Finals Derby \
    Classic Invitational Rally Parade Carnival Celebration Ceremony";

const ORG_FIRSTS: &str = "Instituto Institut Istituto Universidad Università Universita Universität Universitat Université \
    Universite Banco Banca Banque Partido Partito Parti Ministerio Ministère Ministero Compañía Grupo Gruppo Asociación \
    Associazione Fundación Fondazione Fondation Stiftung Colegio Liceo Lycée École Ecole Escuela Scuola Ospedale Museo Musée \
    Teatro Théâtre Team Club Klub Clube Sporting Real Atlético Atletico Deportivo Olympique Borussia Bayern Dynamo Dinamo \
    Spartak Lokomotiv Zenit Ajax Inter Juventus FC AC SC CF";

const PLACE_FIRSTS: &str = "Mount Mt. Lake Port Fort Cape Isle Camp Lac Monte Rio Río Sierra Puerto Porto Bahía Lago \
    Mont Sankt Ciudad Villa Rue Calle Avenida Rua Piazza Plaza";

const PARTICLES: &str = "De Van Von Le La Da Di Del Della Al El Bin Ibn Mac Du Dos Das Ter Ten Der Den Abu Abd St. Saint \
    Santa San Mc O' D' Van't Ben";

const IN_PREPS: &str = "in near outside throughout across";

const GROUPS: &str = "officials sides leaders experts analysts observers critics sources authorities diplomats ministers \
    lawmakers legislators politicians residents witnesses investigators police officers protesters demonstrators activists \
    scientists researchers doctors supporters opponents members people parties governments countries nations states \
    spokesmen representatives delegates negotiators participants organizers organisers both two three several many some \
    others few all most each either neither";

const OPINIONS: &str = "view views belief consensus assessment argument position expectation conclusion feeling \
    impression hope fear concern suspicion claim understanding sense opinion thinking verdict";

const PLACE_ROLES: &str =
    "country nation state city capital region province republic kingdom island territory";

const REL_TIMES: &str =
    "last next this past coming previous following early late mid earlier later";

const QUOTE_VERBS: &str = "continued continues continuing";

const REPORT_THAT_VERBS: &str = "agreed agrees agree found finds showed shows show learned learnt knew knows know \
    expects expected decided decides ruled rules recognised recognized recognises recognizes realised realized understood \
    heard worried worries guaranteed guarantees reminded reminds hinted hints implied implies speculated speculates \
    projected projects forecast calculated determined discovered discovers signalled signaled signals maintain contend \
    assert believe claim";

const DOC_NOUNS: &str = "statement statements report letter release communique communiqué tweet post message memo \
    notice document filing complaint lawsuit ruling verdict study survey poll editorial column post";

const PRON_PERSONS: &str = "he she He She";
const PRON_ITS: &str = "it It";
const PRON_GROUPS: &str = "they They we We I you You";

/// The lists above with the flags each gives its words, in the order they are merged.
const LISTS: &[(&str, Flags)] = &[
    (FUNC_WORDS, Flags::FUNC.union(Flags::COMMON)),
    (TITLES, Flags::TITLE),
    (TITLE_MODS, Flags::TITLE_MOD),
    (ORG_CUES, Flags::ORG_CUE),
    (PLACE_CUES, Flags::PLACE_CUE),
    (ORG_PREFIXES, Flags::ORG_PREFIX),
    (PLACE_PREFIXES, Flags::PLACE_PREFIX),
    (JOINERS, Flags::JOINER),
    (ROLES, Flags::ROLE),
    (ORG_ROLES, Flags::ORG_ROLE),
    (MONTHS, Flags::MONTH),
    (WEEKDAYS, Flags::WEEKDAY),
    (REPORTS, Flags::REPORT),
    (REPORTS_WEAK, Flags::REPORT_WEAK),
    (NOUNISH_WORDS, Flags::NOUNISH),
    (SKIPS, Flags::SKIP),
    (DETS, Flags::DET),
    (LOC_PREPS, Flags::LOC_PREP),
    (TIME_UNITS, Flags::TIME_UNIT),
    (NUMBERS, Flags::NUMBER),
    (NON_ENTITIES, Flags::NON_ENTITY),
    (GROUPS, Flags::GROUP),
    (OPINIONS, Flags::OPINION),
    (PLACE_ROLES, Flags::PLACE_ROLE),
    (REL_TIMES, Flags::REL_TIME),
    (PRON_PERSONS, Flags::PRON_PERSON),
    (PRON_ITS, Flags::PRON_IT),
    (PRON_GROUPS, Flags::PRON_GROUP),
    (PRODUCTS, Flags::PRODUCT),
    (EVENT_CUES, Flags::EVENT_CUE),
    (ORG_FIRSTS, Flags::ORG_FIRST),
    (PLACE_FIRSTS, Flags::PLACE_FIRST),
    (PARTICLES, Flags::PARTICLE),
    (IN_PREPS, Flags::IN_PREP),
    (QUOTE_VERBS, Flags::QUOTE_VERB),
    (REPORT_THAT_VERBS, Flags::REPORT_THAT),
    (DOC_NOUNS, Flags::DOC_NOUN),
];

/// All words with their merged flags, in first-seen order: common words (one a line,
/// `#` comments), given names (likewise), then the lists above.
pub(crate) fn entries<'a>(given_names: &'a str, common_words: &'a str) -> Vec<(&'a str, Flags)> {
    let mut out: Vec<(&'a str, Flags)> = Vec::new();
    let mut index: std::collections::HashMap<&'a str, usize> = std::collections::HashMap::new();
    let mut add = |w: &'a str, flags: Flags| match index.get(w) {
        Some(&i) => out[i].1 |= flags,
        None => {
            index.insert(w, out.len());
            out.push((w, flags));
        }
    };
    for (list, flags) in [(common_words, Flags::COMMON), (given_names, Flags::GIVEN)] {
        for line in list.lines() {
            let w = line.trim();
            if !w.is_empty() && !w.starts_with('#') {
                add(w, flags);
            }
        }
    }
    for &(words, flags) in LISTS {
        for w in words.split_ascii_whitespace() {
            add(w, flags);
        }
    }
    out
}
