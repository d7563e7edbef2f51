//! The vocabulary the demo draws from: names, places, roles, topics and note templates.
//!
//! Templates may contain `{placeholders}` (`{topic}`, `{company}`, `{event}`, `{resource}`,
//! `{other}`, `{project}`, `{community}`, `{city}`, `{conference}`); `crate::fill` replaces
//! them. Kept unformatted on purpose: rustfmt would put every word on a line of its own.

pub(crate) const FIRST_NAMES: &[&str] = &[
    "Ada", "Aisha", "Akira", "Alejandro", "Amara", "Amir", "Ana", "Anders", "Anika", "Aoife",
    "Arjun", "Astrid", "Ayşe", "Beatriz", "Bilal", "Bjørn", "Camila", "Carlos", "Chiara", "Chloé",
    "Dagny", "Daniel", "Darius", "Deepa", "Diego", "Dmitri", "Dương", "Efua", "Elena", "Elif",
    "Emeka", "Émile", "Esther", "Fatima", "Felipe", "Femi", "François", "Freya", "Gabriel", "Grace",
    "Gráinne", "Hana", "Hannah", "Hiroshi", "Ibrahim", "Inês", "Ingrid", "Isabel", "Ivan", "Jakub",
    "Jamal", "Javier", "Jin", "João", "Jonas", "José", "Julia", "Kai", "Kalani", "Karim",
    "Kenji", "Kofi", "Lars", "Layla", "Lea", "Leila", "Liam", "Lin", "Lucía", "Łukasz",
    "Magnus", "Maja", "Malik", "Marco", "María", "Mateo", "Matías", "Mei", "Mia", "Minh",
    "Mohammed", "Nadia", "Naledi", "Naomi", "Ngozi", "Nikhil", "Nils", "Noah", "Nour", "Olga",
    "Olu", "Omar", "Oskar", "Paulo", "Priya", "Rafael", "Rania", "Ravi", "Renée", "Reza",
    "Rin", "Rosa", "Ruth", "Sakura", "Samir", "Sanjay", "Sara", "Sebastián", "Seo-yeon", "Siobhán",
    "Sipho", "Sofia", "Søren", "Sun", "Tariq", "Thabo", "Thảo", "Theo", "Tomás", "Uma",
    "Valentina", "Vikram", "Wei", "Wiktoria", "Xavier", "Yara", "Yasmin", "Yuki", "Yusuf", "Zainab",
    "Zara", "Zoë", "Zofia", "Ben", "Chris", "Emma", "Jordan", "Kate", "Michael", "Sam",
];

pub(crate) const LAST_NAMES: &[&str] = &[
    "Abebe", "Adeyemi", "Ahmed", "Alvarez", "Andersen", "Asante", "Bauer", "Becker", "Bianchi", "Brown",
    "Campbell", "Castillo", "Chen", "Cohen", "Costa", "Dąbrowski", "Das", "Dubois", "Eriksson", "Fernández",
    "Fischer", "Fitzgerald", "García", "Gómez", "Gupta", "Haddad", "Hansen", "Hernández", "Hoang", "Horvat",
    "Ibrahim", "Ivanova", "Jansen", "Jensen", "Johansson", "Kamau", "Kaplan", "Kato", "Khan", "Kim",
    "Kowalski", "Kumar", "Larsen", "Lee", "Li", "Lindqvist", "Liu", "López", "MacLeod", "Mahlangu",
    "Martin", "Mendoza", "Mensah", "Meyer", "Moreau", "Müller", "Murphy", "Mwangi", "Nakamura", "Nguyễn",
    "Novák", "Nowak", "Núñez", "O'Brien", "O'Connor", "Okafor", "Okonkwo", "Olsen", "Ortiz", "Öztürk",
    "Park", "Patel", "Pereira", "Petrov", "Phạm", "Popescu", "Quispe", "Ramírez", "Rao", "Reyes",
    "Rossi", "Sato", "Schmidt", "Schneider", "Shah", "Silva", "Singh", "Smith", "Sørensen", "Suzuki",
    "Svensson", "Takahashi", "Tanaka", "Taylor", "Trần", "van der Berg", "Vargas", "Vasquez", "Wagner", "Walker",
    "Wang", "Watanabe", "Weber", "Wiśniewski", "Wójcik", "Yamamoto", "Yıldız", "Yilmaz", "Zhang", "Zhou",
    "Zieliński", "da Silva", "de la Cruz", "Al-Sayed", "Ní Bhriain", "Achterberg", "Okoro", "Lindgren", "Moretti", "Nakashima",
];

pub(crate) const COMPANY_STEMS: &[&str] = &[
    "Lumen", "Northwind", "Quarry", "Ember", "Harbor", "Cobalt", "Juniper", "Meridian", "Tessellate", "Granite",
    "Polaris", "Driftwood", "Kestrel", "Saffron", "Orchard", "Beacon", "Tidal", "Copper", "Aster", "Fathom",
    "Lattice", "Bramble", "Cirrus", "Halcyon", "Ironbark", "Larch", "Marlin", "Nimbus", "Obsidian", "Pinecone",
    "Quill", "Redwood", "Sable", "Thistle", "Umber", "Vantage", "Wren", "Yarrow", "Zephyr", "Alder",
    "Basalt", "Cinder", "Evergreen", "Fennel", "Glacier", "Heron", "Indigo", "Jasper", "Kite", "Lodestar",
    "Mosaic", "Nova", "Onyx", "Prism", "Riverbend", "Slate", "Tundra", "Upland", "Vellum", "Willow",
    "Bluebird", "Foxglove", "Paper Kite", "Brightwater", "Stonefly", "Hollowtree", "Silverline", "Oakmoss", "Sundial", "Keel",
];

pub(crate) const COMPANY_KINDS: &[&str] = &[
    "Labs", "Data", "Systems", "Software", "Cloud", "Analytics", "Health", "Robotics", "Networks", "Security",
    "Studios", "Works", "Technologies", "AI", "Logistics", "Payments", "Bio", "Energy", "Games", "Learning",
    "Mobility", "Commerce", "Digital", "Dynamics", "Interactive", "Insights", "Platforms", "Devices", "Maps", "Finance",
];

pub(crate) const TLDS: &[&str] = &["com", "io", "dev", "co", "tech", "ai", "app"];

pub(crate) const HUBS: &[&str] = &[
    "Berlin, Germany", "San Francisco, CA", "New York, NY", "Seattle, WA", "Austin, TX", "London, UK",
    "Amsterdam, Netherlands", "Toronto, ON", "Bengaluru, India", "Singapore", "Stockholm, Sweden",
    "Dublin, Ireland", "Lisbon, Portugal", "Kraków, Poland", "São Paulo, Brazil", "Tel Aviv, Israel",
    "Tokyo, Japan", "Sydney, Australia", "Paris, France", "Barcelona, Spain", "Zürich, Switzerland",
    "Nairobi, Kenya", "Lagos, Nigeria", "Ho Chi Minh City, Vietnam", "Boston, MA", "Denver, CO",
    "Montréal, QC", "Seoul, South Korea", "Mexico City, Mexico", "Cape Town, South Africa",
];

pub(crate) const TOWNS: &[&str] = &[
    "Bozeman, MT", "Chattanooga, TN", "Asheville, NC", "Duluth, MN", "Ithaca, NY", "Burlington, VT",
    "Galway, Ireland", "Tromsø, Norway", "Umeå, Sweden", "Ghent, Belgium", "Bend, OR", "Missoula, MT",
    "Lund, Sweden", "Coimbra, Portugal", "Annecy, France", "Freiburg, Germany", "Dunedin, New Zealand",
    "Hobart, Australia", "Sioux Falls, SD", "Boise, ID", "Tartu, Estonia", "Oulu, Finland", "Cork, Ireland",
    "Marquette, MI",
];

pub(crate) const COMPANY_NOTES: &[&str] = &[
    "Series B; hiring backend engineers next quarter.",
    "Rewrote their ingestion pipeline in Rust last year.",
    "Reviews mention long hours before launches.",
    "Strong mentoring culture, according to people I talked to.",
    "Open-source heavy: they maintain {project} plugins.",
    "Four-day week pilot running since spring.",
    "Engineering blog is worth reading, especially the posts on {topic}.",
    "Small team, big customers; on-call is shared by everyone.",
    "Hires juniors through an apprenticeship track.",
    "Just went through a reorg; ask before assuming teams still exist.",
    "Public salary bands on the careers page.",
    "Mostly TypeScript and Go; some Python for data work.",
    "Known for a take-home exercise instead of live coding.",
    "Mission I care about: climate data for farmers.",
    "Bootstrapped and profitable; slow but steady hiring.",
];

/// Roles for people with an employer, weighted by how often they turn up in a network.
pub(crate) const ROLES: &[(&str, u32)] = &[
    ("Software Engineer", 14), ("Senior Software Engineer", 12), ("Backend Engineer", 8),
    ("Frontend Engineer", 7), ("Full-Stack Developer", 7), ("Staff Engineer", 3),
    ("Principal Engineer", 1), ("Staff SRE", 2), ("Site Reliability Engineer", 3),
    ("DevOps Engineer", 3), ("Platform Engineer", 3), ("Data Engineer", 4),
    ("Machine Learning Engineer", 3), ("Mobile Developer", 3), ("QA Engineer", 2),
    ("Security Engineer", 2), ("Engineering Manager", 5), ("Director of Engineering", 1),
    ("VP of Engineering", 1), ("CTO", 1), ("Product Manager", 3), ("Product Designer", 2),
    ("Technical Recruiter", 4), ("Recruiter", 2), ("Talent Partner", 1), ("Developer Advocate", 2),
    ("Technical Writer", 1), ("Junior Developer", 4), ("Software Engineering Intern", 1), ("Founder", 1),
];

/// Roles for people without an employer.
pub(crate) const FREE_ROLES: &[&str] = &[
    "Bootcamp student", "Freelance developer", "Independent consultant", "Open-source maintainer",
    "Between jobs", "Career coach", "Computer science student", "Career switcher",
];

pub(crate) const TAGS: &[&str] = &[
    "rust", "python", "go", "typescript", "frontend", "backend", "devops", "data", "mobile",
    "bootcamp", "alumni", "meetup", "mentor", "ex-colleague", "family", "conference", "open-source",
    "online", "friend", "hiring-manager", "speaker", "local",
];

pub(crate) const EMAIL_HOSTS: &[&str] = &[
    "gmail.com", "proton.me", "fastmail.com", "outlook.com", "icloud.com", "posteo.de", "hey.com",
];

/// Meetup communities: how they are named, and the tag they carry.
pub(crate) const COMMUNITIES: &[(&str, &str)] = &[
    ("Rust", "rust"), ("Python", "python"), ("Go", "go"), ("TypeScript", "typescript"),
    ("React", "frontend"), ("DevOps", "devops"), ("Kubernetes", "devops"), ("Data Engineering", "data"),
    ("Machine Learning", "ml"), ("Women in Tech", "community"), ("Mobile Dev", "mobile"),
    ("AppSec", "security"), ("Indie Hackers", "startups"), ("Elixir", "elixir"), ("Postgres", "data"),
];

/// Conferences: names, and the tag they carry.
pub(crate) const CONFERENCES: &[(&str, &str)] = &[
    ("RustConf", "rust"), ("EuroRust", "rust"), ("PyCon", "python"), ("KubeCon", "devops"),
    ("JSConf", "frontend"), ("GopherCon", "go"), ("NDC", "dotnet"), ("QCon", "architecture"),
    ("DevOpsDays", "devops"), ("FOSDEM", "open-source"), ("LeadDev", "leadership"),
    ("React Summit", "frontend"), ("Data Council", "data"), ("SREcon", "devops"),
];

pub(crate) const PROJECTS: &[&str] = &[
    "tokio", "serde", "ripgrep", "Django", "FastAPI", "htmx", "Kubernetes", "Terraform", "Bevy",
    "Polars", "Svelte", "Neovim", "Home Assistant", "OpenTelemetry",
];

pub(crate) const VENUES: &[&str] = &[
    "Betahaus", "the public library", "Impact Hub", "the university's computer science building",
    "a co-working space downtown", "the old brewery", "the city innovation center",
];

/// Conversation topics, written to follow "talked about".
pub(crate) const TOPICS: &[&str] = &[
    "their migration to Kubernetes", "async Rust", "moving from Django to FastAPI",
    "how their team runs on-call", "their interview loop", "landing a first developer job after a bootcamp",
    "the new observability stack", "TypeScript monorepos", "WebAssembly in production",
    "sharding their Postgres cluster", "the layoffs in their org", "writing a technical blog",
    "getting started in open source", "system design interviews", "growing from mid-level to senior",
    "remote versus hybrid work", "their GraphQL federation rollout", "how they hire juniors",
    "burnout and setting boundaries", "the local meetup scene", "their Series A",
    "code review culture", "pairing with designers", "error handling in Rust", "Terraform drift",
    "AI coding assistants in their workflow", "mobile release trains", "data contracts",
    "feature flags", "moving from Java to Kotlin", "accessibility audits", "their platform team's roadmap",
    "the Rust 2024 edition", "event sourcing", "flaky integration tests", "salary negotiation",
];

/// Things promised, sent or received, written to follow "the" or "my".
pub(crate) const RESOURCES: &[&str] = &[
    "the article on async Rust", "my notes on system design", "the talk recording",
    "a link to their team's engineering ladder", "my portfolio", "the job description",
    "the conference CFP", "their favourite book on distributed systems", "my résumé draft",
    "the slides from their talk", "a list of companies hiring juniors", "the podcast episode on {topic}",
];

pub(crate) const PERSON_NOTES: &[&str] = &[
    "Moving from PHP to Go; happy to talk about the switch.",
    "Coaches youth football on weekends; don't schedule Saturday mornings.",
    "Hiring manager for the platform team.",
    "Gave a great talk at {conference}; ask how it was received.",
    "Prefers async messages over calls.",
    "Also went through a bootcamp; remembers how hard the first search was.",
    "Knows everyone in the local {community} scene.",
    "Maintains {project} in their spare time.",
    "Relocating next spring; open to remote roles.",
    "Very direct; appreciates specific questions.",
    "Mentors juniors through a nonprofit.",
    "Was laid off in the spring, now at {company}.",
    "Loves talking about {topic}.",
    "Writes a newsletter about developer careers.",
];

/// How the seeker met someone, by kind; the tags each kind implies come alongside.
pub(crate) const HOW_MET_CONFERENCE: &[&str] = &[
    "Hallway track at {conference}", "Sat together at a workshop at {conference}",
    "After-party at {conference}", "Asked a question after their talk at {conference}",
];
pub(crate) const HOW_MET_BOOTCAMP: &[&str] = &[
    "bootcamp cohort", "same bootcamp cohort", "bootcamp demo day", "TA in my bootcamp",
];
pub(crate) const HOW_MET_LINKEDIN: &[&str] = &[
    "LinkedIn", "LinkedIn: commented on their post about {topic}", "Cold message on LinkedIn",
];
pub(crate) const HOW_MET_UNIVERSITY: &[&str] = &[
    "Studied computer science together", "University hackathon team", "Same dorm at university",
];
pub(crate) const HOW_MET_FAMILY: &[&str] = &["Family friend", "My cousin's partner", "Friend of my sister"];
pub(crate) const HOW_MET_FRIEND: &[&str] = &["Climbing gym", "Neighbor", "Five-a-side football", "Book club"];
pub(crate) const HOW_MET_ONLINE: &[&str] = &[
    "The {community} Discord", "Reviewed my pull request to {project}", "Mastodon thread about {topic}",
];
pub(crate) const HOW_MET_MENTOR: &[&str] = &[
    "Mentor from a Women Who Code program", "Assigned mentor at the bootcamp", "ADPList mentoring session",
];

pub(crate) const COLLEAGUE_NOTES: &[&str] = &[
    "Same team at {company}", "Worked on the same launch at {company}", "Share the on-call rotation",
    "Sit next to each other on office days", "Former manager and report",
];
pub(crate) const FRIEND_NOTES: &[&str] = &[
    "Old university friends", "Climbing partners", "Neighbours for years", "Same running club",
];
pub(crate) const ONLINE_NOTES: &[&str] = &[
    "Both maintain {project}", "Moderate the {community} Discord together", "Mutuals on Mastodon",
];
pub(crate) const OTHER_TIE_NOTES: &[&str] = &[
    "Play in the same band", "Kids go to the same school", "Met on a volunteering day",
];

pub(crate) const MESSAGE_NOTES: &[&str] = &[
    "Said hi after reading their post on {topic}; asked to connect.",
    "They replied about {topic} and suggested a call.",
    "Congratulated them on the new role.",
    "Asked a follow-up question about {topic}.",
    "Quick thanks for the chat last week.",
    "Shared a job post from {company} they thought I'd like.",
];
pub(crate) const EMAIL_NOTES: &[&str] = &[
    "Followed up with {resource}.",
    "They sent {resource}.",
    "Promised to send {resource}.",
    "Shared my write-up on {topic}.",
    "Thank-you note after our conversation about {topic}.",
];
pub(crate) const CALL_NOTES: &[&str] = &[
    "Talked about {topic}.",
    "30-minute call; they walked me through {topic}.",
    "Caught up; mostly {topic}, some gossip about {company}.",
    "Talked about {topic}; promised to send {resource}.",
];
pub(crate) const COFFEE_NOTES: &[&str] = &[
    "Coffee near their office; talked about {topic}.",
    "Walked and talked; they are thinking about leaving {company}.",
    "Long coffee about {topic}; they offered to look at my portfolio.",
    "Coffee at the {community} meetup venue; talked about {topic}.",
];
pub(crate) const INFORMATIONAL_NOTES: &[&str] = &[
    "Asked about the engineering culture at {company}; they spent a long time on {topic}.",
    "Prepared five questions; the best answer was about {topic}.",
    "Learned how the {company} team is organised and how they hire.",
    "Talked about {topic} and what they wish they had known as a junior.",
];
pub(crate) const MEETUP_NOTES: &[&str] = &[
    "Met at {event}; chatted about {topic}.",
    "Saw their lightning talk at {event}; talked about {topic} afterwards.",
    "Pizza and a long chat about {topic} at {event}.",
    "Said hello at {event}; they are hiring at {company}.",
];
pub(crate) const HELP_GIVEN_NOTES: &[&str] = &[
    "Reviewed their résumé.",
    "Helped them think through {topic}.",
    "Sent them {resource}.",
    "Answered their questions about {topic}.",
];
pub(crate) const HELP_RECEIVED_NOTES: &[&str] = &[
    "They reviewed my portfolio; we ended up talking about {topic}.",
    "Mock interview, then a long chat about {topic}.",
    "They looked over my cover letter for {company}.",
    "They sent {resource}.",
];
pub(crate) const INTRODUCTION_WITH_NOTES: &[&str] = &[
    "Introduced me to {other} at {company}.",
    "Three-way email with {other}; agreed to a coffee next week.",
    "Put me in touch with {other}, who knows a lot about {topic}.",
];
pub(crate) const INTRODUCTION_NOTES: &[&str] = &[
    "Asked for an introduction to the hiring manager at {company}; they agreed.",
    "Offered to introduce me to someone who knows a lot about {topic}.",
];
pub(crate) const REFERRAL_NOTES: &[&str] = &[
    "Referred me for the backend role at {company}.",
    "Submitted an internal referral at {company}.",
    "Said they would refer me once the {company} role reopens.",
];
pub(crate) const OTHER_NOTES: &[&str] = &[
    "Commented on their talk video about {topic}.",
    "Bumped into them at the climbing gym.",
    "Birthday message.",
    "Liked their post about leaving {company}.",
];

pub(crate) const FOLLOW_UP_ACTIONS: &[&str] = &[
    "Send thank-you note", "Share the talk recording", "Send {resource}",
    "Check whether {company} opened the platform role", "Reply about coffee next week",
    "Congratulate them on the launch", "Send my updated portfolio", "Ask a follow-up question about {topic}",
    "Invite them to {event}", "Thank them for the referral", "Book the informational interview",
    "Send notes from our call about {topic}",
];

pub(crate) const EVENT_NOTES: &[&str] = &[
    "Lightning talks; bring a laptop.", "Free, but registration required.",
    "Hiring wall: several companies posting openings.", "Speaker line-up includes a talk on {topic}.",
    "Good place to meet people from {company}.", "Pairing session in the second half.",
];
