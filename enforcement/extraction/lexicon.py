"""The words the extraction rules are made of, in one place.

Every list here is data that a stage's logic reads: adding a word is how a
rule learns a new case. Lists are in spaCy's compact style (one string,
split on white space, as in ``spacy/lang/en/stop_words.py``); entries of more
than one word, and words that map to something (a kind, a currency, a value),
are small tables. Lists whose order matters (a regular expression's
alternatives tried in turn, weekday numbers) are tuples.

Names of places (countries, demonyms) and of known bodies are not here: they
live in ``gazetteer.json``. Month names live in ``dates.MONTHS``.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """A word list written in spaCy's compact style."""
    return frozenset(text.split())


# Entities --------------------------------------------------------------------------------------

# Names, whatever their tag (speech stage: shapes of news English) ---------------------------

# First words that make a capitalised run the label of something, not a name: "Dubbed Red
# Shield Net Sword, the campaign ...".
LABEL_OPENERS = words("""Dubbed Codenamed Nicknamed Named Called Titled So-called""")
# Marks a brand name is written between before the goods it names: "two 'Superdry' jumpers".
NAME_QUOTES = words("""' ‘ ’ " “ ”""")
# Nouns after a quoted name that make it the name of a list, scheme or tool, not a brand:
# the "Notorious Markets" list, its "Good Faith" programme.
NAMED_THING_NOUNS = words(
    """list report review index ranking act law bill regulation directive program programme
    campaign scheme initiative operation project plan policy strategy system tool unit team
    award label"""
)
# Capitalised abbreviations that name no one: "its IPO", "the CEO".
NOT_NAMES = words(
    """IPO CEO CFO COO CTO GDP VAT FAQ PDF URL SKU IP IPR IPRs R&D USB GPS SMS QR LED AI
    PPE"""
)
# Last words that make a name a place, not a body: "Bawana Industrial Area".
PLACE_NAME_ENDINGS = words(
    """Area Estate Road Street Avenue Lane Square Park Market Mall Plaza Village Town"""
)
# Nouns of places a name may modify: "Laem Chabang port", "Kwai Chung terminal".
PLACE_HEAD_NOUNS = words(
    """port airport harbour harbor terminal border checkpoint crossing district province
    county city town village street road market area estate"""
)
# Short words an acronym leaves out of the name it stands for: "Computer & Communications
# Industry Association" is CCIA.
ACRONYM_SKIPS = words("""of the for and & on in to de du des la le""")
# Words before "Committee" or "Subcommittee" that make it a legislature's: "House Energy and
# Commerce Committee", "Senate Judiciary Committee".
LEGISLATIVE_COMMITTEE_OPENERS = words(
    """House Senate Congressional Parliamentary Commons Lords Assembly Select Standing Joint"""
)
COMMITTEE_WORDS = words("""Committee Subcommittee Caucus""")
# Body words that, written alone with a capital, name no one body: "the Administration chose".
CAPITALISED_GENERICS = words(
    """Administration Government Ministry Department Office Agency Bureau Authority Commission
    Service Force Cabinet"""
)
# Words that, as a byline's only company on its line, say the line is furniture.
BYLINE_WORDS = words("""By by""")

# Unnamed public bodies, word -> (group, regulator kind): "the Chinese government", "a court".
GENERIC_BODIES = {
    "government": ("government", "government"),
    "governments": ("government", "government"),
    "authorities": ("authorities", "agency"),
    "officials": ("authorities", "agency"),
    "legislators": ("legislators", "legislature"),
    "lawmakers": ("legislators", "legislature"),
    "legislature": ("legislators", "legislature"),
    "judiciary": ("judiciary", "court"),
    "court": ("court", "court"),
    "courts": ("court", "court"),
    "customs": ("customs", "customs"),
    "police": ("police", "police"),
    "prosecutors": ("prosecutors", "court"),
    "judge": ("court", "court"),
}
# Generic body words that are a body only where a place says which: "a California federal
# judge" is a court, "the judge" alone is a person the story has not named.
PLACED_ONLY_BODIES = words("""judge""")
# Groups of generic body that mean the one named body of their kind in the story
# (bare "police" in a story about the Metropolitan Police).
NAMED_BODY_GROUPS = words("""police customs court""")
# Staff a body noun may modify and still be the body: "customs officers" are customs.
STAFF_NOUNS = words(
    """officer official agent inspector investigator spokesman spokeswoman spokesperson"""
)
# Prepositions that make staff a named body's: "officials from the FDA", "agents of HSI".
STAFF_OF_PREPOSITIONS = words("""from of at with""")
# Lists a country keeps, which make the country a body: "the United States' roster".
ROSTER_NOUNS = words("""roster list blacklist watchlist register sanctions""")

# Words in an organisation's name that make it a public body.
REGULATOR_NAME_WORDS = words(
    """Administration Ministry Bureau Department Agency Customs Police Court Tribunal
    Procuratorate Commission Parliament Congress Senate Authority Directorate Inspectorate
    Prosecutor Prosecutors Attorney Government Office Gendarmerie Constabulary Force Service
    Regulator Legislature Assembly Cabinet Judiciary Procurator Municipal Provincial"""
)
# A council is a public body when it governs a place: "Kent County Council"; "the British
# Fashion Council" is a trade body.
LOCAL_COUNCILS = (
    "County Council",
    "City Council",
    "Borough Council",
    "District Council",
    "Town Council",
    "Municipal Council",
    "Parish Council",
    "Metropolitan Council",
    "County Borough Council",
)
# Regulator kind -> words in a body's name that tell it; the first kind that fits wins,
# a body with none of them is an agency.
REGULATOR_KIND_NAME_WORDS = {
    "court": words("""Court Tribunal Procuratorate Procurator Judiciary Prosecutor Prosecutors"""),
    "customs": words("""Customs"""),
    "police": words("""Police Gendarmerie Constabulary Investigation"""),
    "legislature": words("""Parliament Congress Senate Assembly Legislature"""),
    "government": words("""Government Cabinet Council"""),
}
# Words in an organisation's name that make it an association, not a company.
ASSOCIATION_NAME_WORDS = words(
    """Association Federation Union Coalition Club Alliance Chamber Society Institute Council
    Committee Network Foundation Forum Guild Consortium Federación Fédération"""
)
# Words in an organisation's name that make it a news outlet.
OUTLET_NAME_WORDS = words(
    """News Times Post Daily Journal Herald Tribune Gazette Telegraph Press Magazine Weekly
    Radio TV Television Broadcasting Newswire Wire Chronicle Observer Courier"""
)
# Verbs whose subject is an outlet reporting the story: "Reuters reported".
OUTLET_VERBS = words("""report publish""")
# Verbs whose subject is a source the story relays, not the outlet: "the newspaper revealed".
SOURCE_VERBS = words("""reveal""")
# Words just before an organisation that make it the outlet relaying the story.
OUTLET_CUES = (
    "quoted by",
    "interview with",
    "told",
    "according to a report by",
    "according to a report in",
    "news portal",
    "news site",
    "news website",
    "news agency",
    "newspaper",
    "broadcaster",
    "state media",
    "wire service",
)
# First words of a capitalised name that make it an effort, not an organisation:
# "Operation Footwear", "Project Zero".
EFFORT_NAME_WORDS = words("""Operation Project Programme Program Campaign Initiative Scheme""")
# Nouns after a name that make the name a document's: the "Notorious Markets" list.
DOCUMENT_WORDS = words("""list report review index ranking act law bill regulation directive""")
# Words a photo caption glues to a name when line breaks are lost: "SmithIn".
GLUED_CAPTION_WORDS = ("In", "The", "On", "At", "A", "An", "As", "For", "To", "After", "When")
# Words between an organisation and a person's name that make the person its member:
# "Alibaba Group Chairman Jack Ma", "Zhi Shuping, director of the ...".
TITLE_WORDS = words(
    """founder co-founder cofounder chairman chairwoman chair ceo chief executive head director
    director-general president vice spokesman spokeswoman spokesperson minister commissioner
    official officer secretary general deputy manager partner lawyer attorney counsel boss
    representative ambassador leader and of the at 's ’s ( ) former senior managing operating
    global public affairs legal intellectual property ip a an protection enforcement governor
    mayor inspector prosecutor judge agent special in charge team member analyst researcher
    professor assistant associate founding acting regional country customer trust brand
    coordinator investigator detective superintendent sergeant constable commander policy
    communications trade for"""
)
# Title words that join a title to a name before it but are no title themselves.
TITLE_JOINERS_BEFORE = words("""and of the 's ’s ( )""")
# The same after a name: "Dharmesh Mehta, vice president at Amazon".
TITLE_JOINERS_AFTER = words("""and of the at for a an""")
# Prepositions that make the name after them a place: "in Mong Kok", "outside Tsim Sha Tsui".
PLACE_PREPOSITIONS = words("""in at near outside inside across around""")
# Words a run of capitalised words may contain and still be one name:
# "Bureau of Investigation", "Customs and Excise".
NAME_JOINERS = words("""of the for and &""")
# Possessive endings, tokens of their own: "Amazon 's".
POSSESSIVE_MARKS = words("""'s ’s""")
# Articles cut from the front of a name.
ARTICLES = words("""the a an""")

# References ------------------------------------------------------------------------------------

# Pronouns for the last person named.
PERSON_PRONOUNS = words("""he she him her his""")
# Pronouns for the last company, platform or body named.
THING_PRONOUNS = words("""it its""")
# Pronouns for the last group named.
PLURAL_PRONOUNS = words("""they them their""")
# Possessives by which a document is its author's: "its annual report", "their study".
OWNER_PRONOUNS = words("""its their his her""")
# Determiners that make a noun phrase point back: "the company", "its platform".
DEFINITE_DETERMINERS = words("""the this that its his her their""")
# Nouns that, with "the", stand for the last company named.
COMPANY_NOUNS = words(
    """company firm giant platform retailer marketplace site website group conglomerate
    business operator brand maker manufacturer e-commerce"""
)
# Nouns that, with "the", stand for the last regulator named.
REGULATOR_NOUNS = words(
    """regulator agency watchdog administration ministry bureau office department authority
    commission court government body tribunal police force"""
)
# Nouns that, with "the", stand for the last association named.
ASSOCIATION_NOUNS = words(
    """group association federation coalition club organisation organization alliance body"""
)
# People who speak for a body: "a department spokesman said".
SPOKESPEOPLE = words(
    """spokesman spokeswoman spokesperson representative source official officer executive"""
)
# Words before a spokesperson that make them a public body's: "a customs spokesman".
STATE_OWNER_NOUNS = words("""customs police ministry department""")
# People who act for the state: "investigators said" speaks for the last body named.
OFFICIAL_NOUNS = words(
    """investigators officers agents inspectors prosecutors officials detectives police"""
)
# Plural nouns that, with "the", are the companies just named: "the companies said".
COMPANY_PLURALS = words("""companies firms brands platforms""")
# Unnamed speakers that still stand for a side in the story: "the traders said".
COLLECTIVE_NOUNS = words(
    """groups traders brands owners holders manufacturers retailers merchants sellers vendors
    associations campaigners activists producers makers industries companies stores shops"""
)
# One unnamed member speaking for a side: "one seller denied ...", "another store claimed";
# member -> the collective it joins (a store that speaks is its seller).
COLLECTIVE_MEMBERS = {
    "trader": "traders",
    "seller": "sellers",
    "vendor": "vendors",
    "merchant": "merchants",
    "retailer": "retailers",
    "store": "sellers",
    "shop": "sellers",
}
# Determiners that make a member one of many unnamed: "one seller", "another seller".
MEMBER_DETERMINERS = words("""one another a each the""")

# Statements ------------------------------------------------------------------------------------

# Verbs that report speech whatever follows them: "said", "urged", "warned".
SPEECH_VERBS = words(
    """report say tell state claim argue vow pledge urge warn accuse insist stress reveal note
    explain counter blame demand write remark reiterate complain allege criticize criticise
    deny admit acknowledge promise confirm emphasise emphasize threaten respond reply comment
    contend assert declare add announce condemn slam lament ask question dismiss suggest
    predict caution concede charge appeal believe estimate"""
)
# Verbs that only report speech with a clause: "announced that ...", "added that ...".
CLAUSE_ONLY_VERBS = words(
    """report add announce note suggest explain reveal confirm write admit acknowledge state
    predict charge question dismiss ask respond reply believe estimate"""
)
# Verb -> particles with which it reports speech: "call on", "hit out at".
PHRASAL_SPEECH = {
    "call": words("""on for out upon"""),
    "hit": words("""out"""),
    "point": words("""out"""),
    "speak": words("""out"""),
    "lash": words("""out"""),
    "push": words("""for"""),
}
# Participles by which a speaker goes on in the same breath: "..., police said, adding that".
# ("explaining that" is a statement of its own: the keys hold it apart.)
ADDING_VERBS = words("""add""")
# Documents that speak for whoever wrote or filed them: "the report found that ...",
# "the lawsuit alleged that ...".
AUTHORED_DOCUMENTS = words(
    """report study survey review paper analysis statement lawsuit suit complaint filing
    petition letter"""
)
# Verbs by which a document reports its findings: "the study found that ...".
DOCUMENT_SPEECH_VERBS = words("""find show conclude estimate reveal""")
# Documents whose words are not a speech: "a report accusing Alibaba".
DOCUMENT_NOUNS = words(
    """report paper letter statement study document survey ruling lawsuit complaint notice
    white"""
)

# Events ----------------------------------------------------------------------------------------

# What a takedown removes: "removed 380 million listings".
TAKEDOWN_OBJECTS = words(
    """listing store shop account website site link page seller vendor merchant product item
    post storefront domain ad advertisement url offer video channel app"""
)
# What a programme sets up: "launched a system", "set up a task force".
PROGRAM_OBJECTS = words(
    """system program programme scheme campaign initiative center centre tool alliance force
    mechanism unit team project database portal pilot platform hotline registry office task
    strategy operation"""
)
# What a publisher releases that makes a report: "released a white paper".
REPORT_OBJECTS = words(
    """report paper statement study survey findings data figures review assessment"""
)
# Lists a listing puts a market on: "added Taobao to its notorious markets list".
LIST_NOUNS = words("""list roster blacklist watchlist market markets""")
# Verbs that are a listing by themselves: "blacklisted the site", "relisted Taobao".
LISTING_BY_ITSELF_VERBS = words("""blacklist relist""")
# Lists that are released ("published its blacklist"): the release is a listing.
PUBLISHED_LISTS = words("""list blacklist watchlist""")
# What advocacy asks for: "called for tougher laws".
ADVOCACY_OBJECTS = words(
    """law laws legislation penalty penalties enforcement regulation regulations rule rules
    crackdown action measures sentences punishment protection cost reform reforms"""
)
# What is filed in or dismissed by a court: "filed a lawsuit", "dismissed the case".
LEGAL_OBJECTS = words("""lawsuit suit case claim complaint charge charges appeal action""")
# Verbs above a noun that make the noun asked for, not done: "pushed for tougher penalties".
ADVOCACY_VERBS = words("""call push press demand urge lobby campaign ask seek request""")
# Verbs whose complement has not (yet) happened: "failed to remove", "urged X to raid".
UNREALISED_HEADS = words(
    """fail refuse threaten plan want promise vow pledge need call urge ask tell order press
    require demand hope aim seek try propose let allow enable help encourage expect"""
)
# Verbs whose clause is asked for: "demanded that authorities crack down"; and abilities,
# not acts: "a program that lets brands delete listings".
REQUEST_HEADS = words(
    """demand urge ask want propose call require insist suggest recommend let allow enable
    help"""
)
# Words that make a clause a condition, not a fact: "if we imposed".
CONDITION_MARKS = words("""if unless whether""")
# Nouns of failure, and of an aim, under which an act has not happened: "the failure to
# remove", "with a goal of removing", "in a bid to shut".
FAILURE_WORDS = words(
    """fail failure goal aim bid effort attempt intention ambition mission target hope
    promise pledge"""
)
# Verbs whose object has not happened to the subject: "fends off lawsuits", "risks fines",
# "tried to avoid litigation".
RISK_VERBS = words("""face fend risk fear avoid escape evade dodge deter prevent threaten""")
# Heads of an act that did happen when they are past: "helped 3M remove listings" (but "a
# tool that helps brands remove listings" is an ability, not an act).
ENABLING_HEADS = words("""help let allow enable""")
# Prepositions that make an event noun the frame of the act its phrase hangs from:
# "seized 2,500 tons through a joint operation", "arrested in a three-week operation",
# "upon inspection, officers seized ...".
FRAME_PREPOSITIONS = words("""in through during via amid upon on""")
# Verbs by which an event noun only happens, its act told in a clause: "the crackdown came
# when police unearthed a unit".
OCCURRING_VERBS = words("""come happen occur follow begin start unfold""")
# Determiners of a noun told before: "the shipment", "these letters".
RETOLD_DETERMINERS = words("""the this that these those its his her their""")
# Words that make a retold noun a new one: "the other two cases".
NEW_REFERENT_WORDS = words("""other another second third further""")
# Words that place an act before the time of the story: "previously sought", "had seized".
EARLIER_WORDS = words("""previously earlier formerly once before already""")
# What people or a company are, as what an act is done to: "detained five people".
PEOPLE_NOUNS = words(
    """people person man men woman women suspect suspects driver drivers owner owners trader
    traders vendor vendors seller sellers individual individuals worker workers employee
    employees smuggler smugglers courier couriers member members him her them"""
)
# What a public warning is addressed to: "warned consumers to be vigilant".
PUBLIC_NOUNS = words(
    """people public consumer consumers shopper shoppers buyer buyers customer customers
    parent parents resident residents motorist motorists traveller travellers traveler
    travelers tourist tourists citizen citizens user users fan fans"""
)
# What a find of goods turns up: "officers found 1,300 counterfeit products", "recovered
# 1,500 kg of ghee", "unearthed a unit making fake sachets".
HAUL_OBJECTS = words(
    """good goods product item fake counterfeit shipment merchandise bag watch knockoff replica
    medicine drug pill tablet cigarette kg kgs kilogram kilo tonne ton litre liter packet package
    parcel box carton bottle piece pair consignment container stock haul factory workshop unit
    warehouse den godown plant laboratory lab"""
)
# Words before a noun that make it goods a find or seizure is of: "600 fake handbags".
FAKE_WORDS = words(
    """fake counterfeit bogus pirated knock-off knockoff spurious imitation illicit illegal
    adulterated replica suspected substandard falsified unlicensed smuggled"""
)
# Nouns that "fake" or "counterfeit" can describe without being goods: "a counterfeit economy".
TRADE_NOUNS = words(
    """economy trade market industry business problem crisis issue threat activity network
    operation racket scheme"""
)
# What a find of wrongdoing turns up: "police have unearthed 740 cases".
CASE_OBJECTS = words("""case racket scam network ring gang syndicate fraud cartel""")
# What is registered against someone: "132 cases have been registered".
CHARGE_OBJECTS = words("""case fir complaint charge""")
# What a claimant seeks from a court: "sought 2 million dollars in damages".
REDRESS_OBJECTS = words("""damages damage compensation injunction restitution""")
# What a court orders someone to do that is a penalty: "ordered her to pay £1,000".
PAYMENT_VERBS = words("""pay serve do perform forfeit compensate repay refund reimburse complete""")
# Nouns a submission is told in, which make advocacy when given to a public body:
# "in comments given to the Commerce Department".
SUBMISSION_NOUNS = words("""comment submission testimony filing""")
# Adverbs of what happens as a rule, not once: "officers routinely seize fakes".
HABITUAL_WORDS = words(
    """routinely regularly typically usually often frequently always generally normally"""
)
# Kinds told in the present tense as what a body does: "Alibaba screens listings". Any other
# act in a story's simple present ("the department imposes fines") is a rule, not an event:
# news tells what happened in the past tense and keeps the present for headline and lead.
STANDING_KINDS = words("""program""")
# Words that make a time a rule: "every day", "each year", "on an average day".
EVERY_WORDS = words("""every each average typical""")
TIME_UNITS = words("""day week month year night weekend""")
# Verbs whose subject is a figure: "seizures increased 8 percent", "arrests totalled 40".
CHANGE_VERBS = words(
    """increase rise fall decrease decline drop double triple grow jump climb surge soar
    total reach top amount exceed account average"""
)
# Prepositions after a document that give its topic: "a report on seizures".
TOPIC_PREPOSITIONS = words("""on about regarding concerning""")
# Documents whose subject is no actor of an act: "the study examined 500 listings".
DOCUMENT_SUBJECTS = words("""report study survey research analysis paper review data""")
# Verbs that react to an event told before: "Pfizer welcomed the verdict".
REACTION_VERBS = words(
    """welcome criticize criticise praise condemn appeal challenge hail applaud slam question
    reject celebrate dispute"""
)
# Auxiliaries under which an event has not happened: "should get penalties".
MODALS = words("""will shall would should could might must may can need ought""")
# Modals of an obligation a penalty imposes: "must also pay $64,000 in restitution".
OBLIGATION_MODALS = words("""must""")
# Words whose "of" phrase is what a figure counts, not an event: "63 per cent of seizures".
MEASURE_HEADS = words(
    """cent percent % share proportion number value majority half third quarter fraction bulk
    most rate percentage"""
)
# Words before a penalty that make it asked for, not imposed: "tougher penalties".
COMPARATIVES = words(
    """tougher stiffer harsher bigger heavier longer same proper stricter greater more"""
)
# Words before a penalty that make it what the law allows, not one imposed: "the maximum
# penalty is a fine of $500,000", "faces a possible prison term".
STATUTORY_LIMITS = words("""maximum minimum possible potential statutory""")
# Verbs whose lemma alone tells the kind of event.
VERB_KINDS = {
    "sue": "lawsuit",
    "plead": "prosecution",
    "extradite": "prosecution",
    "settle": "agreement",
    "rule": "ruling",
    "convict": "ruling",
    "acquit": "ruling",
    "uphold": "ruling",
    "overturn": "ruling",
    "investigate": "investigation",
    "probe": "investigation",
    "raid": "seizure",
    "arrest": "prosecution",
    "detain": "seizure",
    "bust": "investigation",
    "inspect": "investigation",
    "verify": "investigation",
    "examine": "investigation",
    "prosecute": "prosecution",
    "indict": "prosecution",
    "charge": "prosecution",
    "fine": "penalty",
    "penalise": "penalty",
    "penalize": "penalty",
    "sentence": "penalty",
    "jail": "penalty",
    "imprison": "penalty",
    "punish": "penalty",
    "seize": "seizure",
    "destroy": "seizure",
    "confiscate": "seizure",
    "intercept": "seizure",
    "impound": "seizure",
    "screen": "program",
    "monitor": "program",
    "patrol": "program",
    "complain": "complaint",
    "accuse": "complaint",
    "criticize": "complaint",
    "criticise": "complaint",
    "protest": "complaint",
    "meet": "meeting",
    "summon": "meeting",
    "lobby": "advocacy",
    "petition": "advocacy",
}
# Nouns whose lemma tells the kind of event they announce.
NOUN_KINDS = {
    "lawsuit": "lawsuit",
    "litigation": "lawsuit",
    "ruling": "ruling",
    "verdict": "ruling",
    "judgment": "ruling",
    "judgement": "ruling",
    "injunction": "ruling",
    "investigation": "investigation",
    "probe": "investigation",
    "raid": "seizure",
    "arrest": "prosecution",
    "prosecution": "prosecution",
    "indictment": "prosecution",
    "operation": "program",
    "crackdown": "investigation",
    "sentencing": "penalty",
    "sentence": "penalty",
    "restitution": "penalty",
    "damages": "penalty",
    "fine": "penalty",
    "penalty": "penalty",
    "seizure": "seizure",
    "confiscation": "seizure",
    "interception": "seizure",
    "deletion": "takedown",
    "haul": "seizure",
    "campaign": "program",
    "initiative": "program",
    "programme": "program",
    "launch": "program",
    "complaint": "complaint",
    "letter": "complaint",
    "petition": "advocacy",
    "agreement": "agreement",
    "deal": "agreement",
    "memorandum": "agreement",
    "mou": "agreement",
    "pact": "agreement",
    "partnership": "agreement",
    "settlement": "agreement",
    "meeting": "meeting",
    "hearing": "meeting",
    "plea": "prosecution",
    "inspection": "investigation",
    "talks": "meeting",
    "summit": "meeting",
    "push": "advocacy",
    "call": "advocacy",
    "report": "report",
}
# Nouns that are a police operation only when a regulator is in the sentence.
OPERATION_NOUNS = words("""operation crackdown""")
# Lists a listing is on, when "notorious" says which: "the notorious markets list".
NOTORIOUS_LISTS = words("""list roster""")
# Verbs a report is the subject of when it tells its findings: "the report found".
FINDING_VERBS = words("""find show reveal accuse conclude estimate""")
# Prepositions that name a report's author: "a report by the OECD".
AUTHOR_PREPOSITIONS = words("""from by""")
# Verbs above a campaign that make it asked for: "called for a campaign".
CAMPAIGN_REQUEST_VERBS = words("""call urge demand""")
# Adjectives that make "deal" a quantity: "a great deal of".
QUANTITY_DEAL_WORDS = words("""great good""")
# Words that make a bare verb a court's: "the court ruled", "the judge ordered".
COURT_SUBJECTS = words("""court judge decision tribunal magistrate magistrates sheriff jury""")
# Words that make "found" a verdict: "was found guilty".
VERDICT_WORDS = words("""guilty liable""")
# Verb families whose kind depends on what they act on; ``events.VERB_RULES`` says how.
# Verbs of a takedown: "removed listings", "closed stores".
TAKEDOWN_VERBS = words(
    """remove delete delist close block ban suspend terminate purge topple disable deactivate"""
)
# Verbs of a takedown with "down": "took down", "shut down".
PHRASAL_TAKEDOWN_VERBS = words("""take shut""")
# Verbs that put a market on a list: "added Taobao to the list".
LISTING_VERBS = words("""add put place name include list return keep relist""")
# Verbs that publish a report or a list: "released a white paper".
PUBLISHING_VERBS = words("""release publish issue unveil submit present""")
# Verbs that start a programme: "launched a system".
LAUNCH_VERBS = words(
    """launch introduce establish unveil create start deploy begin announce coordinate"""
)
# Verbs that start a programme with "up" or "out": "set up", "rolled out".
PHRASAL_LAUNCH_VERBS = words("""set roll""")
# Verbs that step up a campaign: "waged a war on fakes".
STEP_UP_VERBS = words("""wage intensify step expand strengthen""")
# What is stepped up: "intensified its crackdown".
CAMPAIGN_OBJECTS = words("""war campaign battle fight crackdown effort efforts""")
# Verbs that file a legal action: "filed a lawsuit", "lodged a complaint".
FILING_VERBS = words("""file bring launch lodge""")
# What a filing verb brings that makes a prosecution, not a lawsuit: "brought charges".
CRIMINAL_FILINGS = words("""charge indictment""")
# Verbs of a court's order when a court is their subject: "the court awarded damages".
COURT_ORDER_VERBS = words("""order award grant""")
# Verbs that make an agreement: "signed a memorandum".
SIGNING_VERBS = words("""sign reach strike agree""")
# Verbs that make an agreement whatever they act on: "agreed to work together".
AGREEING_VERBS = words("""agree""")
# What is signed: "reached a settlement".
AGREEMENT_OBJECTS = words("""agreement deal memorandum mou pact settlement""")
# Verbs of advocacy with "for" or "on": "called on legislators".
CALLING_VERBS = words("""call push press""")
# Verbs of advocacy on their own: "urged the government".
DEMAND_VERBS = words("""urge demand""")
# Verbs of a public rebuke with "out": "called out Alibaba".
REBUKING_VERBS = words("""call""")
# Verbs that break up a ring: "dismantled a network".
BREAKUP_VERBS = words("""dismantle break bust smash""")
# What is broken up.
NETWORK_OBJECTS = words("""network gang ring syndicate operation racket cartel""")
# Verbs of a raid on a place where goods are found: "busted a unit", "the case was busted".
BUSTING_VERBS = words("""bust raid""")
# What a bust finds goods in.
PREMISES_OBJECTS = words(
    """case factory workshop unit warehouse den godown plant laboratory lab shop store premises"""
)
# Words of an arrest, whose doer is the police even though an arrest is a prosecution.
ARRESTING_WORDS = words("""arrest detain apprehend""")
# Verbs that carry out a warrant, which is a raid: "officers executed a search warrant".
EXECUTING_VERBS = words("""execute serve""")
WARRANT_OBJECTS = words("""warrant""")
# Words that make a hearing a legislature's, which is a meeting (a court's is not).
LEGISLATIVE_WORDS = words(
    """congressional senate parliamentary committee congress parliament legislative house
    subcommittee lawmakers legislators senator senators congressman congresswoman mp mps"""
)
# Verbs that detain, whose kind is what they detain: people are arrested, goods seized.
DETAINING_VERBS = words("""detain""")
# "Two men were held", "were held liable", "held talks": an arrest, a ruling or a meeting.
HOLDING_VERBS = words("""hold""")
# Verbs of a court's order; "ordered her to pay" is a penalty.
ORDERING_VERBS = words("""order""")
# Verbs of a ban; a court's ban on a person is a ruling: "banned her from advertising".
BANNING_VERBS = words("""ban bar prohibit disqualify""")
# Verbs that win or lose in court: "won the case".
WINNING_VERBS = words("""win lose""")
# Verbs of a public warning: "warned shoppers to be vigilant".
WARNING_VERBS = words("""warn alert remind advise caution""")
# Verbs that turn up goods or wrongdoing: "officers found 1,300 fakes", "unearthed 740 cases".
DISCOVERY_VERBS = words("""find discover uncover unearth recover detect net""")
# Verbs that register a case against someone: "132 cases have been registered".
REGISTERING_VERBS = words("""register""")
# Verbs that seek redress: "sought damages".
SEEKING_VERBS = words("""seek claim""")
# Verbs of looking into something with a particle: "following up the cases", "looked into".
FOLLOWING_VERBS = words("""follow look""")
# Verbs of examining that a document can be the subject of: "the study examined".
EXAMINING_VERBS = words("""examine verify inspect investigate""")
# Verbs of working with someone towards an end: "worked with Alibaba to remove fakes".
WORKING_VERBS = words("""work""")
# Verbs of a court dismissing an action: "dismissed the case".
DISMISSING_VERBS = words("""dismiss""")
# Verbs of a verdict: "was found guilty".
FINDING_OF_FACT_VERBS = words("""find""")
# Verbs of joining forces, and what is joined: "joined forces with TikTok".
JOINING_VERBS = words("""join""")
FORCES = words("""force""")
# Particles the phrasal families above need.
DOWN = words("""down""")
UP_OR_INTO = words("""up into""")
UP_OR_OUT = words("""up out""")
WITH = words("""with""")
OUT = words("""out""")
FOR_OR_ON = words("""for on upon""")
# What a destroyed thing must be for the destruction to be a seizure.
GOODS_OBJECTS = words("""good goods product item fake counterfeit shipment merchandise bag watch""")

# Statistics ------------------------------------------------------------------------------------

# Scale words and their factors: "380 million", "RMB1.2bn", "Rs 5 crore", "1 lakh packets".
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "mln": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "bln": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
    "lakh": 100_000,
    "lakhs": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    "cr": 10_000_000,
}
# Counts written as words that only ever stand before a scale: "a million fakes", "half a
# trillion dollars", "a quarter-million dollars".
SCALE_COUNTS = {
    "a": "1",
    "an": "1",
    "half a": "0.5",
    "half an": "0.5",
    "a half": "0.5",
    "a quarter of a": "0.25",
    "quarter of a": "0.25",
    "a quarter": "0.25",
    "three quarters of a": "0.75",
}
# Scales of one letter: beside a currency ("$1.2m"), or lower case before what they count
# ("2.5m cigarettes"); not in a name ("3M Company").
LETTER_SCALES = words("""m b k""")
# Currency signs and codes written before an amount -> ISO code: "HK$500", "RMB10,000",
# "KES 2.4 million".
CURRENCY_PREFIXES = {
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "hk$": "HKD",
    "hkd": "HKD",
    "s$": "SGD",
    "sgd": "SGD",
    "a$": "AUD",
    "au$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "cad": "CAD",
    "nz$": "NZD",
    "nzd": "NZD",
    "nt$": "TWD",
    "twd": "TWD",
    "r$": "BRL",
    "brl": "BRL",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "₹": "INR",
    "pkr": "PKR",
    "₩": "KRW",
    "krw": "KRW",
    "jpy": "JPY",
    "chf": "CHF",
    "kes": "KES",
    "ksh": "KES",
    "ngn": "NGN",
    "₦": "NGN",
    "zar": "ZAR",
    "aed": "AED",
    "sar": "SAR",
    "myr": "MYR",
    "rm": "MYR",
    "thb": "THB",
    "฿": "THB",
    "php": "PHP",
    "₱": "PHP",
    "idr": "IDR",
    "rp": "IDR",
    "vnd": "VND",
    "₫": "VND",
    "mxn": "MXN",
    "try": "TRY",
    "₺": "TRY",
    "rub": "RUB",
    "₽": "RUB",
    "egp": "EGP",
    "dh": "AED",
    "dhs": "AED",
    "kshs": "KES",
    "tk": "BDT",
    "bdt": "BDT",
    "sh": "KES",
}
# One-letter signs, read only in capitals: "P5 million" is pesos, "p5" nothing.
CASED_CURRENCY_PREFIXES = {"P": "PHP"}
# Currency names and codes written after an amount -> ISO code: "50,000 yuan". In this
# order in the pattern: a longer name before a shorter one it starts with.
CURRENCY_SUFFIXES = {
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "us dollars": "USD",
    "hong kong dollars": "HKD",
    "singapore dollars": "SGD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "pakistani rupees": "PKR",
    "rupees": "INR",
    "rupee": "INR",
    "kenyan shillings": "KES",
    "naira": "NGN",
    "rand": "ZAR",
    "yen": "JPY",
    "won": "KRW",
    "baht": "THB",
    "ringgit": "MYR",
    "rupiah": "IDR",
    "dong": "VND",
    "pesos": "MXN",
    "reais": "BRL",
    "rubles": "RUB",
    "roubles": "RUB",
    "liras": "TRY",
    "lira": "TRY",
    "dirhams": "AED",
    "riyals": "SAR",
    "francs": "CHF",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "hkd": "HKD",
    "cny": "CNY",
    "inr": "INR",
    "pkr": "PKR",
    "kes": "KES",
    "brl": "BRL",
    "jpy": "JPY",
}
# Qualifier -> the words before a figure that give it, in the order they are tried
# ("just over" before "over").
QUALIFIERS = {
    "about": (
        "about",
        "around",
        "approximately",
        "roughly",
        "some",
        "an estimated",
        "estimated",
        "close to",
        "circa",
        "c.",
    ),
    "over": (
        "just over",
        "more than",
        "over",
        "above",
        "at least",
        "upwards of",
        "exceeding",
        "in excess of",
        "topped",
        "no fewer than",
        "no less than",
    ),
    "under": (
        "just under",
        "less than",
        "fewer than",
        "under",
        "below",
        "just shy of",
        "shy of",
        "up to",
        "as much as",
        "as many as",
        "nearly",
        "almost",
        "as few as",
        "no more than",
    ),
    "exactly": ("exactly", "precisely", "a total of"),
}
# Units that make a figure a duration, which the keys do not count as a figure: "for two
# years", "a six-month sentence", "150 hours of unpaid work".
DURATION_UNITS = words(
    """second seconds minute minutes hour hours day days night nights week weeks month months
    year years decade decades"""
)
# Words before a number that make it a label, not a figure: "No. 1", "phase 2".
LABEL_WORDS = words("""no. number no # top phase version""")
# Words before a small number written as a word that make it a reference to things already
# counted, not a count: "the other two cases", "no one company".
BACK_REFERENCES = words("""the other no these those both""")
# Marks of a list, before which "one" is a count in an inventory ("..., one necklace") and
# not a pronoun or an article ("one of the biggest", "one seller said").
LIST_MARKS = words(""", ; and or""")
# Nouns of a capital market and a company's results: a sum or share in their sentence is the
# market's, not the fight against fakes ("shares fell 14 percent", "an IPO that raised $1.6
# billion", "net profit climbed to $2.1 billion").
MARKET_NOUNS = words(
    """shares stock stocks ipo ipos valuation valuations capitalisation capitalization cap
    debut bourse dividend dividends offering profit profits earnings stake"""
)
# Verbs of capital raising and valuing: "raised $1.6 billion", "valued the company at".
MARKET_VERBS = words("""raise value""")
# A platform's customers: "it has 300 million active buyers" is its size, not an act.
CUSTOMER_NOUNS = words(
    """users buyers shoppers customers subscribers members consumers visitors accounts"""
)
# Nouns that count by another noun, which is part of the unit: "37 pairs of jeans".
COUNTED_BY_OF = words("""pair pairs""")
# Measures written glued to their number, before "of": "5kg of heroin", "20ml of".
GLUED_MEASURES = words("""kg kgs g gm gms mg t l ml lb lbs oz km m ft""")
# Verbs of weighing, after which "pounds" weigh: "a parcel weighing 68 pounds".
WEIGHING_VERBS = words("""weigh""")
# Units as the keys spell them: "1,500 kgs" is 1500 kg.
UNIT_SPELLINGS = {
    "kgs": "kg",
    "kilos": "kg",
    "kilograms": "kg",
    "kilogrammes": "kg",
    "lbs": "lb",
    "gm": "g",
    "gms": "g",
}
# Words of a share, whose "of" phrase names the whole it is a share of.
SHARE_WORDS = words("""% cent percent""")
# Modifiers left out of a counted noun's phrase: "other goods" counts goods.
FILLER_WORDS = words("""other some more such several many further additional""")
# Verbs too light to say what a figure measures: "was", "has".
LIGHT_VERBS = words("""be have""")

# Numbers written as words -> value: "seven", "a dozen". Shared by dates and figures.
WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a thousand": 1000,
    "a dozen": 12,
    "dozen": 12,
}
# Counts of days or weeks in "a few days ago", "several weeks earlier".
COUNT_WORDS = {**WORD_NUMBERS, "a": 1, "an": 1, "several": 3, "a few": 3, "few": 3}

# Dates and datelines -------------------------------------------------------------------------

# Weekdays in calendar order (Monday is 0, as in ``datetime.date.weekday``).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Words before a bare year that make it a date ("in 2015", "mid-2015"), in the order tried.
YEAR_LEADS = (
    "in fiscal year",
    "in fiscal",
    "fiscal year",
    "fiscal",
    "in",
    "for",
    "during",
    "until",
    "by",
    "from",
    "of",
    "year",
    "early",
    "late",
    "mid",
    "mid-",
    "end of",
    "start of",
    "beginning of",
    "throughout",
    "between",
    "and",
    "before",
    "after",
)
# Words before a bare month name that make it a date ("in July", "back in March").
MONTH_LEADS = (
    "in",
    "during",
    "until",
    "by",
    "from",
    "early",
    "late",
    "mid-",
    "mid",
    "end of",
    "last",
    "this",
    "back in",
)
# Words that open a stretch of time ("between June 9 and 16", "from May to July"), and the
# words that join its two ends; in the order they are tried.
RANGE_OPENERS = ("between", "from", "during")
RANGE_JOINERS = ("and", "to", "until", "till", "through", "-", "–")
# Labels before a dateline's date, in the order they are tried: "Published: 19 June 2015".
DATELINE_LABELS = (
    "published",
    "posted",
    "updated",
    "last updated",
    "date",
    "first published",
    "release date",
    "released",
)
# Labels before an outlet's name on its own line: "Source: Xinhua".
SOURCE_LABELS = ("source", "from")
# What follows the outlet on a dateline: "Web Editor: Qin Dexing", "By Jane Doe".
BYLINE_WORDS = (
    "web editor",
    "editor",
    "reporter",
    "writer",
    "author",
    "correspondent",
    "by",
    "staff",
    "updated",
    "source",
)

# Page furniture --------------------------------------------------------------------------------

# A site's calls to action, alone on a line (with up to 30 more characters): "Subscribe now".
PAGE_ACTIONS = words("""tweet email e-mail print save subscribe login register""") | {
    "sign up",
    "log in",
    "sign in",
    "skip to",
    "jump to",
}
# Headings of a page's boxes, alone on a line (with up to 40 more characters).
BOX_HEADINGS = words("""related recommended trending advertisement sponsored""") | {
    "most popular",
    "most read",
    "most viewed",
    "most shared",
    "recommended for you",
    "read more",
    "see also",
    "archived content",
    "media partner",
    "media partners",
    "top stories",
    "latest news",
    "you may also like",
}

# Measures (measures.py) ----------------------------------------------------------------------

# Units by what they measure (lower case; currencies are ISO codes, see CURRENCY_SYMBOLS).
MASS_UNITS = words(
    """t tonne tonnes ton tons kg kgs kilo kilos kilogram kilogrammes kilograms
    kilogramme g gram grams gramme grammes lb lbs ounce ounces"""
)
VOLUME_UNITS = words(
    """l litre litres liter liters ml millilitre millilitres gallon gallons barrel barrels"""
)

# Cue words (lemmas), one family per idea; a figure's words are matched against them.
REMOVAL_CUES = words(
    """remove removal delete deletion delist block purge suspend suspension terminate ban close
    closure shut shutdown takedown topple disable deactivate down"""
)
SEIZURE_CUES = words(
    """seize seizure seized confiscate confiscation intercept interception detain detention
    impound recover haul destroy destruction"""
)
ARREST_CUES = words("""arrest arrested apprehend detain""")
RAID_CUES = words("""raid search inspection""")
INVESTIGATION_CUES = words("""investigation investigate probe inquiry handle""")
PROSECUTION_CUES = words("""prosecution prosecute indict indictment charge""")
CONVICTION_CUES = words("""conviction convict guilty""")
SENTENCE_CUES = words(
    """sentence sentencing prison jail imprison imprisonment custody incarceration"""
)
FINE_CUES = words("""fine penalty penalise penalize costs""")
DAMAGES_CUES = words("""damages award compensation""")
# A sum a court names that is no fine, costs or restitution is what it awards.
COURT_CUES = words("""court judge jury tribunal judgment judgement""")
RESTITUTION_CUES = words("""restitution""")
COMPLAINT_CUES = words("""complaint complain grievance""")
TRADE_CUES = words("""trade import imports export exports""")
# Words that say a count is of goods, or a sum is what goods are worth.
GOODS_CUES = words(
    """counterfeit counterfeits fake fakes bogus knockoff knock pirated suspected imitation
    replica spurious product item good goods merchandise bag handbag watch shoe sneaker pair
    box package parcel packet shipment bottle tablet pill medicine jersey shirt belt container
    carton piece unit cigarette perfume cosmetic toy phone accessory garment clothing"""
)
VALUE_CUES = words("""worth value valued appraise price retail""")
# Counted nouns (lemmas) -> (measure, the cue it needs, or None when the noun says it all).
COUNTED_NOUNS = {
    **dict.fromkeys(
        words("""listing ad advert advertisement post link offer"""),
        ("listings_removed", REMOVAL_CUES),
    ),
    **dict.fromkeys(
        words("""store shop seller vendor merchant account storefront trader"""),
        ("stores_closed", REMOVAL_CUES),
    ),
    **dict.fromkeys(
        words("""website site domain url webpage page"""), ("websites_shut", REMOVAL_CUES)
    ),
    **dict.fromkeys(words("""lead referral tip"""), ("leads_referred", None)),
    **dict.fromkeys(words("""investigation probe inquiry"""), ("investigations_opened", None)),
    **dict.fromkeys(words("""raid"""), ("raids", None)),
    **dict.fromkeys(words("""arrest"""), ("arrests", None)),
    **dict.fromkeys(words("""prosecution indictment charge"""), ("prosecutions", None)),
    **dict.fromkeys(words("""conviction offence offense"""), ("convictions", None)),
    **dict.fromkeys(words("""sentence sentencing"""), ("prison_sentences", None)),
    **dict.fromkeys(words("""fine penalty"""), ("fines", None)),
    **dict.fromkeys(words("""complaint"""), ("complaints_received", None)),
    **dict.fromkeys(
        words("""person people suspect man men woman women individual member driver"""),
        ("arrests", ARREST_CUES),
    ),
}
# Nouns that count nothing seized, whatever the verb: people, places, bodies.
NOT_GOODS = words(
    """country countries nation city agency police officer official company organization
    organisation firm brand name buyer customer user year day month week time percent"""
)
# "cases" and the like: what kind of case is told by the cue beside it, in this order.
CASE_NOUNS = words("""case matter file""")
UNIT_LABELS = {
    **dict.fromkeys(words("""t tonne tonnes"""), "tonnes"),
    **dict.fromkeys(words("""ton tons"""), "tons"),
    **dict.fromkeys(words("""kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes"""), "kg"),
    **dict.fromkeys(words("""g gram grams gramme grammes"""), "grams"),
    **dict.fromkeys(words("""lb lbs"""), "pounds"),
    **dict.fromkeys(words("""l litre litres liter liters"""), "litres"),
    **dict.fromkeys(words("""ml millilitre millilitres"""), "millilitres"),
    **dict.fromkeys(words("""item items unit units pieces piece pcs"""), "items"),
    "%": "%",
}

# Stances (stances.py) ------------------------------------------------------------------------

# Verbs whose lemma says the stance.
STANCE_VERBS = {
    **dict.fromkeys(
        words(
            """accuse allege blame criticize criticise condemn slam complain charge attack fault
            denounce lambast berate"""
        ),
        "accusation",
    ),
    **dict.fromkeys(words("""vow pledge promise commit undertake"""), "commitment"),
    **dict.fromkeys(words("""urge demand ask press appeal request implore"""), "demand"),
    **dict.fromkeys(words("""deny reject dismiss refute counter rebut dispute"""), "denial"),
    **dict.fromkeys(words("""defend insist maintain argue contend justify"""), "defence"),
    **dict.fromkeys(
        words("""welcome praise applaud hail commend thank congratulate celebrate"""), "praise"
    ),
    **dict.fromkeys(words("""warn caution alert threaten"""), "warning"),
    **dict.fromkeys(
        words("""find reveal show estimate conclude identify discover indicate establish"""),
        "finding",
    ),
}
# Verbs that take their stance from a particle or preposition: "called on", "hit out at".
PHRASAL_STANCE_VERBS = {
    ("call", "on"): "demand",
    ("call", "upon"): "demand",
    ("call", "for"): "demand",
    ("push", "for"): "demand",
    ("call", "out"): "accusation",
    ("hit", "out"): "accusation",
    ("lash", "out"): "accusation",
    ("point", "out"): "finding",
}
# Verbs that report speech without saying how (their words decide).
NEUTRAL_VERBS = (
    SPEECH_VERBS
    | frozenset(PHRASAL_SPEECH)
    | words(
        """say tell write add state note explain comment respond reply remark announce report"""
    )
)
# Words and phrases that say the stance under a neutral verb; phrases are separated by
# "|", and a word ending in "*" stands for any ending ("urge*": urges, urged, urging).
DENIAL_CUES = """
    not true | untrue | baseless | groundless | no evidence | deny | denies | denied
    | did not know | did not sell | never sold | never knew | never did
"""
DEFENCE_CUES = """
    we have always | has always | have always | track record | working hard | a lot of work
    | we have already | has devoted | we continue to | in its defence | in its defense
    | in our defence | in our defense
"""
COMMITMENT_CUES = """
    committed to | commitment | determined to | steadfast | look forward to
    | we will | we'll | we shall | we would | we are going to | i will | i'll | i would
"""
WARNING_CUES = """
    at risk | risk of | risk to | risks | danger* | threat* | harm* | warn* | beware
    | serious offence | deadly | concerned | serious concern* | important concern*
    | considerable concern*
"""
DEMAND_CUES = """
    need to | needs to | must | should | have to | has to | ought to | call on | calls on
    | urge* | it is time | got to | indispensable | essential | vital | crucial
"""
ACCUSATION_CUES = """
    fail* | not doing enough | not enough | blame* | incomprehensible | not transparent
    | misled | mislead* | steal* | stolen | greed | decimated | lagging | inadequate
    | not improved | ambiguous | complicit | tolerat* | outdated | futile | lax
"""
PRAISE_CUES = """
    welcome* | pleased | delighted | applaud* | prais* | commend* | grateful | thank*
    | congratulat* | proud | meaningful | a whole lot more
"""
FINDING_CUES = """
    per cent | percent | found | finds | show | shows | showed | revealed | data | survey
    | estimate*
"""
# The order they are tried in: the first stance whose cue appears wins.
WORD_CUES = (
    ("denial", DENIAL_CUES),
    ("defence", DEFENCE_CUES),
    ("commitment", COMMITMENT_CUES),
    ("warning", WARNING_CUES),
    ("demand", DEMAND_CUES),
    ("accusation", ACCUSATION_CUES),
    ("praise", PRAISE_CUES),
    ("finding", FINDING_CUES),
)
# A cue right after one of these says the opposite: "no longer need to", "not meaningful".
NEGATIONS = words("""not no never n't nor longer hardly""")
# The future said of oneself or a named party ("Alibaba would boost ..."): a commitment.
FUTURE_AUXILIARIES = words("""will would shall""")
PARTY_PRONOUNS = words("""we i it they he she""")

# Summaries (summaries.py) --------------------------------------------------------------------

# Words that never open a summary, whatever their tag.
FORBIDDEN_OPENERS = words(
    """that which who whom whose what where when while whereas according and or but nor so yet
    as because since although though if unless after before until"""
)
# Pronouns the doer may be, resolved to a name; relative ones take the antecedent.
RELATIVE_PRONOUNS = words("""which who whom that whose""")
# Dashes that separate a dateline from the story ("Va. — An"); marks a summary keeps inside.
DASHES = words("""— – -- -""")
QUOTES_AND_BRACKETS = words("""“ ” " ( ) ‘ ’""")
# Pronouns and prepositions: words that open a clause but not a plain summary.
PRONOUNS = words(
    """i me we us you he him she her it they them its his their our my your there here"""
)
PREPOSITIONS = words(
    """in on at by for from with without of to into onto over under between among through
    during despite amid against about above below across along around behind beyond
    toward towards upon within via per like unlike near than"""
)
OPENING_WORDS = PRONOUNS | PREPOSITIONS | words("""also then however meanwhile""")

# Clauses ---------------------------------------------------------------------------------------

# Words a clause's provenance does not start with: "and removed ...".
CLAUSE_OPENERS = words("""and but which while as""")
# Words a clause's provenance does not end with.
CLAUSE_CLOSERS = words("""and but or""")


def alternatives(entries, *, space: str = r"\s+") -> str:
    """A regular expression alternation of ``entries`` (escaped, spaces matching ``space``),
    longest first so that "just over" is tried before "over". Tuples keep their own order."""
    ordered = entries if isinstance(entries, tuple) else sorted(entries, key=lambda w: (-len(w), w))
    return "|".join(re.escape(entry).replace(r"\ ", " ").replace(" ", space) for entry in ordered)
