//! The demo's vocabulary: people, companies, kinds of work, and what people
//! write on the platform and at the desk. Plain tables, picked by the PRNG.

/// Freelancers' countries, with first and last names common there.
pub struct Country {
    pub code: &'static str,
    /// Relative share of freelancers from this country.
    pub weight: u32,
    pub first: &'static [&'static str],
    pub last: &'static [&'static str],
}

pub const FREELANCER_COUNTRIES: &[Country] = &[
    Country {
        code: "IN",
        weight: 16,
        first: &[
            "Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Sneha", "Aditya", "Meera",
            "Rahul",
        ],
        last: &[
            "Sharma",
            "Iyer",
            "Patel",
            "Reddy",
            "Nair",
            "Gupta",
            "Menon",
            "Chatterjee",
            "Singh",
            "Kulkarni",
        ],
    },
    Country {
        code: "PK",
        weight: 6,
        first: &[
            "Ayesha", "Bilal", "Hira", "Usman", "Sana", "Hamza", "Zainab", "Faisal",
        ],
        last: &[
            "Khan", "Qureshi", "Malik", "Siddiqui", "Butt", "Chaudhry", "Raza", "Shaikh",
        ],
    },
    Country {
        code: "UA",
        weight: 7,
        first: &[
            "Olena",
            "Dmytro",
            "Iryna",
            "Andrii",
            "Kateryna",
            "Oleksandr",
            "Yuliia",
            "Taras",
        ],
        last: &[
            "Kovalenko",
            "Shevchenko",
            "Bondarenko",
            "Tkachenko",
            "Melnyk",
            "Kravchenko",
            "Boyko",
            "Lysenko",
        ],
    },
    Country {
        code: "PH",
        weight: 7,
        first: &[
            "Maria Clara",
            "Jose",
            "Kristine",
            "Mark Anthony",
            "Angelica",
            "Paolo",
            "Rhea",
            "Jerome",
        ],
        last: &[
            "Santos",
            "Reyes",
            "Dela Cruz",
            "Bautista",
            "Villanueva",
            "Mendoza",
            "Garcia",
            "Aquino",
        ],
    },
    Country {
        code: "NG",
        weight: 5,
        first: &[
            "Chiamaka",
            "Tunde",
            "Ngozi",
            "Emeka",
            "Funmilayo",
            "Oluwaseun",
            "Adaeze",
            "Ibrahim",
        ],
        last: &[
            "Okafor", "Adeyemi", "Eze", "Balogun", "Nwosu", "Olawale", "Okonkwo", "Abubakar",
        ],
    },
    Country {
        code: "KE",
        weight: 3,
        first: &["Wanjiru", "Kamau", "Achieng", "Otieno", "Njeri", "Kiprop"],
        last: &[
            "Mwangi",
            "Odhiambo",
            "Kariuki",
            "Wambui",
            "Cheruiyot",
            "Onyango",
        ],
    },
    Country {
        code: "US",
        weight: 9,
        first: &[
            "Dana", "Marcus", "Jessica", "Tyler", "Brianna", "Kevin", "Ashley", "Jordan", "Megan",
            "Chris",
        ],
        last: &[
            "Ruiz",
            "Johnson",
            "Nguyen",
            "Miller",
            "Washington",
            "O'Brien",
            "Kowalski",
            "Thompson",
            "Lee",
            "Brooks",
        ],
    },
    Country {
        code: "GB",
        weight: 4,
        first: &[
            "Oliver", "Amelia", "Harry", "Isla", "George", "Freya", "Rhys", "Siobhan",
        ],
        last: &[
            "Clarke", "Hughes", "Evans", "Patel", "Wright", "MacLeod", "Davies", "Whitaker",
        ],
    },
    Country {
        code: "BR",
        weight: 5,
        first: &[
            "João",
            "Ana Luíza",
            "Thiago",
            "Beatriz",
            "Lucas",
            "Fernanda",
            "Rafael",
            "Camila",
        ],
        last: &[
            "Silva",
            "Oliveira",
            "Souza",
            "Pereira",
            "Costa",
            "Almeida",
            "Rodrigues",
            "Ferreira",
        ],
    },
    Country {
        code: "AR",
        weight: 3,
        first: &["Martina", "Santiago", "Lucía", "Facundo", "Sofía", "Matías"],
        last: &[
            "González",
            "Fernández",
            "López",
            "Martínez",
            "Romero",
            "Sosa",
        ],
    },
    Country {
        code: "MX",
        weight: 3,
        first: &[
            "Ximena",
            "Diego",
            "Valeria",
            "Alejandro",
            "Daniela",
            "Emiliano",
        ],
        last: &[
            "Hernández",
            "García",
            "Ramírez",
            "Torres",
            "Flores",
            "Vázquez",
        ],
    },
    Country {
        code: "PL",
        weight: 4,
        first: &[
            "Łukasz",
            "Agnieszka",
            "Paweł",
            "Magdalena",
            "Krzysztof",
            "Zofia",
        ],
        last: &[
            "Wróbel",
            "Nowak",
            "Kowalczyk",
            "Wiśniewska",
            "Zieliński",
            "Lewandowska",
        ],
    },
    Country {
        code: "RO",
        weight: 2,
        first: &["Andrei", "Ioana", "Mihai", "Elena", "Radu", "Bianca"],
        last: &[
            "Popescu",
            "Ionescu",
            "Dumitru",
            "Stan",
            "Georgescu",
            "Marin",
        ],
    },
    Country {
        code: "RS",
        weight: 2,
        first: &["Nikola", "Jelena", "Marko", "Milica", "Stefan", "Ana"],
        last: &[
            "Jovanović",
            "Petrović",
            "Nikolić",
            "Marković",
            "Đorđević",
            "Stojanović",
        ],
    },
    Country {
        code: "EG",
        weight: 3,
        first: &["Mariam", "Omar", "Nour", "Youssef", "Salma", "Karim"],
        last: &[
            "Hassan",
            "Mostafa",
            "Abdelrahman",
            "Farouk",
            "Soliman",
            "El-Sayed",
        ],
    },
    Country {
        code: "BD",
        weight: 4,
        first: &["Tahmid", "Nusrat", "Rafiq", "Farzana", "Sabbir", "Tanjila"],
        last: &["Rahman", "Hossain", "Islam", "Ahmed", "Chowdhury", "Akter"],
    },
    Country {
        code: "VN",
        weight: 3,
        first: &[
            "Nguyễn Văn An",
            "Trần Thị Mai",
            "Lê Minh Khoa",
            "Phạm Thu Hà",
            "Hoàng Đức Anh",
            "Vũ Ngọc Lan",
        ],
        last: &[""],
    },
    Country {
        code: "ID",
        weight: 2,
        first: &["Putri", "Budi", "Ayu", "Rizky", "Dewi", "Agus"],
        last: &[
            "Santoso", "Wijaya", "Saputra", "Lestari", "Hidayat", "Pratama",
        ],
    },
    Country {
        code: "TR",
        weight: 2,
        first: &["Elif", "Oğuz", "Zeynep", "Emre", "Ayşe", "Burak"],
        last: &["Yılmaz", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın"],
    },
    Country {
        code: "ES",
        weight: 2,
        first: &["Lucía", "Javier", "Carmen", "Álvaro", "Nerea", "Iñigo"],
        last: &[
            "Álvarez", "Navarro", "Moreno", "Iglesias", "Ortega", "Castillo",
        ],
    },
    Country {
        code: "PT",
        weight: 2,
        first: &["Inês", "Tiago", "Mariana", "Duarte", "Leonor", "Gonçalo"],
        last: &[
            "Santos", "Ferreira", "Pereira", "Carvalho", "Gomes", "Martins",
        ],
    },
    Country {
        code: "DE",
        weight: 2,
        first: &["Lena", "Jonas", "Hannah", "Felix", "Katrin", "Tobias"],
        last: &[
            "Müller", "Schmidt", "Schäfer", "Weber", "Becker", "Hoffmann",
        ],
    },
    Country {
        code: "FR",
        weight: 2,
        first: &["Camille", "Théo", "Chloé", "Hugo", "Léa", "Mathis"],
        last: &["Dubois", "Lefèvre", "Moreau", "Girard", "Faure", "Rousseau"],
    },
    Country {
        code: "IT",
        weight: 2,
        first: &["Giulia", "Marco", "Chiara", "Luca", "Francesca", "Matteo"],
        last: &["Rossi", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci"],
    },
    Country {
        code: "CN",
        weight: 2,
        first: &["Wei", "Li Na", "Jun", "Xiaoling", "Hao", "Mei"],
        last: &["Zhang", "Wang", "Chen", "Liu", "Zhao", "Huang"],
    },
    Country {
        code: "JP",
        weight: 1,
        first: &["Yuki", "Haruto", "Aoi", "Sota", "Sakura", "Ren"],
        last: &[
            "Tanaka",
            "Suzuki",
            "Takahashi",
            "Watanabe",
            "Ito",
            "Yamamoto",
        ],
    },
    Country {
        code: "ZA",
        weight: 2,
        first: &["Thandiwe", "Pieter", "Lerato", "Sipho", "Anika", "Kagiso"],
        last: &[
            "Nkosi",
            "van der Merwe",
            "Dlamini",
            "Botha",
            "Mokoena",
            "Naidoo",
        ],
    },
    Country {
        code: "CA",
        weight: 2,
        first: &["Émilie", "Liam", "Chloe", "Noah", "Gabrielle", "Ethan"],
        last: &[
            "Tremblay",
            "Roy",
            "Campbell",
            "Gagnon",
            "MacDonald",
            "Singh",
        ],
    },
    Country {
        code: "AU",
        weight: 1,
        first: &["Matilda", "Jack", "Ruby", "Lachlan", "Zoë", "Cooper"],
        last: &["Smith", "Kelly", "Nguyen", "Walsh", "Anderson", "Murphy"],
    },
];

/// Clients are companies: `{prefix} {core}{suffix}`.
pub const COMPANY_PREFIX: &[&str] = &[
    "Northwind",
    "Bluebird",
    "Crumb &",
    "Harbor",
    "Lumen",
    "Copperleaf",
    "Atlas",
    "Juniper",
    "Brightline",
    "Red Fern",
    "Summit",
    "Kestrel",
    "Oakhaven",
    "Pinecrest",
    "Quayside",
    "Silverline",
    "Tidewater",
    "Violet Hour",
    "Westbrook",
    "Zephyr",
    "Maple & Pine",
    "Saffron",
    "Granite",
    "Lighthouse",
    "Nimbus",
    "Orchard",
    "Paper Crane",
    "Riverstone",
    "Sable",
    "Foxglove",
    "Helix",
    "Ironbark",
    "Marigold",
    "Tandem",
];

pub const COMPANY_CORE: &[&str] = &[
    "Analytics",
    "Bakery",
    "Co.",
    "Dental",
    "Labs",
    "Logistics",
    "Media",
    "Outfitters",
    "Realty",
    "Health",
    "Studio",
    "Coffee Roasters",
    "Legal",
    "Fitness",
    "Ventures",
    "Robotics",
    "Travel",
    "Pet Supply",
    "Learning",
    "Capital",
    "Foods",
    "Architects",
    "Apparel",
    "Games",
    "Energy",
    "Events",
];

pub const COMPANY_SUFFIX: &[&str] = &[
    "", "", "", " LLC", " Inc.", " Ltd", " GmbH", " B.V.", " Pty Ltd", " SAS", " AB",
];

/// Clients' countries, weighted.
pub const CLIENT_COUNTRIES: &[(&str, u32)] = &[
    ("US", 46),
    ("GB", 10),
    ("CA", 7),
    ("AU", 6),
    ("DE", 5),
    ("NL", 3),
    ("FR", 3),
    ("SG", 3),
    ("AE", 3),
    ("IL", 2),
    ("SE", 2),
    ("CH", 2),
    ("IE", 2),
    ("ES", 2),
    ("NZ", 1),
    ("JP", 1),
    ("BR", 1),
    ("IN", 1),
];

/// Agencies some freelancers work through.
pub const AGENCIES: &[&str] = &[
    "Pixel Forge Agency",
    "Kyiv Code Lab",
    "Manila Virtual Partners",
    "Lagos Digital Works",
    "Bytecraft Studio",
    "Andes Software Collective",
    "Vistula Dev House",
    "Bengaluru Product Studio",
    "Nile Creative",
    "Lisbon Localisation Co.",
    "Cascadia Web Partners",
    "Dhaka Data Services",
];

/// A kind of work: contract titles and the milestones it goes through.
pub struct Work {
    pub titles: &'static [&'static str],
    /// Milestones in order: (title, description).
    pub milestones: &'static [(&'static str, &'static str)],
    /// Attachment names a freelancer delivers for it.
    pub files: &'static [&'static str],
}

pub const WORK: &[Work] = &[
    Work {
        titles: &[
            "Brand identity for a neighbourhood bakery",
            "Logo and visual identity for a fintech startup",
            "Rebrand for a family-run hotel",
            "Brand refresh for a yoga studio chain",
        ],
        milestones: &[
            ("Logo concepts", "Three logo concepts as SVG and PNG, two rounds of revisions."),
            ("Final logo and colour palette", "The chosen concept refined; primary and secondary palettes with HEX, RGB and CMYK values."),
            ("Brand guidelines", "A 20-page PDF: logo usage, clear space, typography, imagery and tone of voice."),
            ("Stationery", "Business cards, letterhead and email signature, print-ready."),
            ("Social media kit", "Profile images, cover images and 12 post templates in Figma and Canva."),
            ("Packaging mock-ups", "Box and label designs for three products, with dielines for the printer."),
        ],
        files: &["logo-concepts-v1.pdf", "logo-final.zip", "brand-guidelines.pdf", "palette.ase", "stationery-print.pdf", "social-kit.fig"],
    },
    Work {
        titles: &[
            "Shopify store redesign",
            "Marketing website in Next.js",
            "WordPress site migration and speed-up",
            "Webflow site for an architecture firm",
            "Landing pages for a product launch",
        ],
        milestones: &[
            ("Wireframes", "Low-fidelity wireframes of the home, product, cart and checkout pages."),
            ("Visual design", "High-fidelity mock-ups for desktop and mobile, one revision round."),
            ("Front-end build", "Responsive templates built from the approved designs, Lighthouse score of 90 or more."),
            ("CMS integration", "Content types, editor roles and a migration of the existing 140 pages."),
            ("Checkout and payments", "Stripe and PayPal checkout, tax rules for US and EU customers."),
            ("Launch and QA", "Cross-browser testing, redirects, analytics, and a go-live checklist."),
            ("Post-launch support", "Two weeks of fixes after launch, at most 10 hours."),
        ],
        files: &["wireframes.pdf", "homepage.fig", "mockups-mobile.png", "theme.zip", "lighthouse-report.html", "qa-checklist.xlsx"],
    },
    Work {
        titles: &[
            "iOS and Android app for a dog-walking service",
            "Flutter app for restaurant bookings",
            "React Native fitness tracker MVP",
            "Companion app for a smart thermostat",
        ],
        milestones: &[
            ("UX flows", "User flows and clickable prototype for onboarding, booking and payments."),
            ("MVP build", "Working builds for iOS and Android on TestFlight and internal testing."),
            ("Backend API", "REST API with authentication, bookings and push notifications."),
            ("Payments integration", "In-app payments with Stripe, receipts by email."),
            ("App store release", "Store listings, screenshots, review submission and fixes requested by reviewers."),
            ("Analytics and crash reporting", "Firebase Analytics events and Crashlytics set up."),
        ],
        files: &["prototype-link.txt", "build-1.4.2.ipa", "app-release.aab", "api-docs.pdf", "screenshots.zip", "test-report.pdf"],
    },
    Work {
        titles: &[
            "Sales dashboard in Power BI",
            "Data pipeline from Salesforce to BigQuery",
            "Web scraper for real-estate listings",
            "Churn model for a subscription business",
            "Clean-up of a 200k-row customer spreadsheet",
        ],
        milestones: &[
            ("Data audit", "Inventory of sources, data quality report, and agreed metric definitions."),
            ("Pipeline", "Nightly extraction and load with alerting on failure."),
            ("Dashboard", "Five report pages: revenue, pipeline, regions, products and forecasts."),
            ("Model", "A model with documented features, validation results and a scoring notebook."),
            ("Handover", "Documentation and a recorded one-hour walkthrough for the client's team."),
        ],
        files: &["data-audit.pdf", "pipeline.py", "dashboard.pbix", "model-notebook.ipynb", "handover-recording.mp4", "results.csv"],
    },
    Work {
        titles: &[
            "Twelve blog articles on personal finance",
            "Whitepaper on supply-chain visibility",
            "Technical documentation for a payments API",
            "Website copy for a dental practice",
            "Ghostwritten e-book on remote leadership",
        ],
        milestones: &[
            ("Outline and research", "Outline, sources and keyword plan for approval."),
            ("First drafts", "First drafts of all pieces, 1,200 to 1,500 words each."),
            ("Revisions", "One round of revisions on every piece, with tracked changes."),
            ("Final copy", "Final copy, proofread, with meta titles and descriptions."),
            ("Illustrations brief", "A brief for each illustration and the alt texts."),
        ],
        files: &["outline.docx", "drafts.zip", "revisions-tracked.docx", "final-copy.docx", "keyword-plan.xlsx", "sources.pdf"],
    },
    Work {
        titles: &[
            "Translate a product catalogue from English to German",
            "Localise a mobile app into Spanish and Portuguese",
            "Subtitles in French for a training course",
            "Japanese translation of user manuals",
        ],
        milestones: &[
            ("Glossary", "Terminology glossary agreed with the client's product team."),
            ("Translation, part one", "The first half of the source files translated and reviewed."),
            ("Translation, part two", "The second half, reviewed by a second linguist."),
            ("In-context review", "Review of the translations in the built app or layout, fixes included."),
        ],
        files: &["glossary.xlsx", "catalogue-de.docx", "strings-es.json", "subtitles-fr.srt", "manual-ja.pdf", "review-notes.pdf"],
    },
    Work {
        titles: &[
            "90-second explainer video",
            "YouTube channel editing package",
            "Product launch video with motion graphics",
            "Podcast editing for a ten-episode season",
        ],
        milestones: &[
            ("Script and storyboard", "Script, voice-over casting options and a storyboard."),
            ("Rough cut", "A rough cut with temporary music and graphics."),
            ("Final cut", "Colour graded and mixed final cut in 4K, with captions."),
            ("Cut-downs", "Three 15-second cut-downs for social media."),
            ("Episodes", "Edited episodes with intro, outro and loudness normalised to -16 LUFS."),
        ],
        files: &["storyboard.pdf", "rough-cut.mp4", "final-4k.mov", "captions.srt", "cutdowns.zip", "episode-03.wav"],
    },
    Work {
        titles: &[
            "Google Ads campaign set-up",
            "SEO audit and on-page fixes",
            "Email marketing automation in Klaviyo",
            "LinkedIn lead generation campaign",
        ],
        milestones: &[
            ("Audit", "Audit of the current account or site with prioritised findings."),
            ("Set-up", "Campaigns, tracking and audiences built and checked."),
            ("Optimisation month", "A month of optimisation with weekly reports."),
            ("Automation flows", "Welcome, abandoned-cart and win-back flows with copy and design."),
            ("Final report", "Results against the agreed KPIs and recommendations."),
        ],
        files: &["seo-audit.pdf", "campaign-structure.xlsx", "weekly-report-3.pdf", "flows.png", "final-report.pdf", "tracking-plan.xlsx"],
    },
    Work {
        titles: &[
            "REST API for a booking system",
            "Migrate a Django app to Python 3.12",
            "Stripe billing integration for a SaaS",
            "Kubernetes set-up for a small platform team",
            "Chrome extension for price tracking",
        ],
        milestones: &[
            ("Technical design", "Architecture document, data model and API contract for review."),
            ("Core implementation", "The core endpoints with tests, deployed to staging."),
            ("Integration", "Integration with the client's existing systems and single sign-on."),
            ("Performance and security", "Load test to 500 requests per second and fixes from a security review."),
            ("Deployment", "Production deployment, runbook and monitoring dashboards."),
            ("Maintenance sprint", "Two weeks of bug fixes from the client's backlog."),
        ],
        files: &["design-doc.pdf", "openapi.yaml", "pull-request-142.patch", "load-test.html", "runbook.md", "coverage.html"],
    },
    Work {
        titles: &[
            "Bookkeeping clean-up for the last fiscal year",
            "Lead list research, 2,000 contacts",
            "Virtual assistant for inbox and calendar",
            "Financial model for a seed round",
        ],
        milestones: &[
            ("Reconciliation", "Bank and card accounts reconciled month by month."),
            ("Research batch one", "The first 1,000 contacts verified, with sources."),
            ("Research batch two", "The remaining contacts, deduplicated against the CRM."),
            ("Model", "Three-statement model with scenarios and a summary for investors."),
            ("Month of support", "Inbox and calendar management, 20 hours a week."),
        ],
        files: &["reconciliation.xlsx", "contacts-batch1.csv", "contacts-batch2.csv", "model-v3.xlsx", "timesheet.pdf", "summary.pdf"],
    },
    Work {
        titles: &[
            "Floor plans and 3D renders for a café fit-out",
            "Product renders for an e-commerce catalogue",
            "Interior design concept for a co-working space",
        ],
        milestones: &[
            ("Concept", "Mood boards and two layout options."),
            ("Floor plans", "Dimensioned floor plans and elevations in DWG and PDF."),
            ("3D renders", "Eight photorealistic renders at 4K."),
            ("Revisions", "One round of revisions on plans and renders."),
        ],
        files: &["moodboard.pdf", "floor-plan.dwg", "render-01.png", "render-set.zip", "elevations.pdf", "materials.xlsx"],
    },
];

/// Other files people attach to messages and statements.
pub const OTHER_FILES: &[&str] = &[
    "screenshot 2024-03-02 at 10.14.png",
    "chat-export.txt",
    "scope-of-work.pdf",
    "invoice.pdf",
    "timesheet.xlsx",
    "final FINAL (2).zip",
    "résumé des échanges.pdf",
    "Договор.pdf",
    "meeting-notes.docx",
    "screen-recording.mp4",
    "feedback-round-2.pdf",
    "email-thread.eml",
];

pub const WORK_NOTES: &[&str] = &[
    "Delivered as agreed. Files attached.",
    "Here is the milestone deliverable; happy to walk you through it on a call.",
    "All items from the brief are done. Please review and release when you are happy.",
    "Submitting for approval. The source files are in the zip.",
    "Done, including the extra changes we discussed on Tuesday.",
    "Attached the deliverable and a short video explaining the changes.",
];

pub const CHANGE_REQUESTS: &[&str] = &[
    "This is not what we discussed. Please follow the brief.",
    "Close, but the mobile version is broken on my phone.",
    "We need the colours to match our existing brand exactly.",
    "Please add the sections from the second page of the brief.",
    "The quality is below what your portfolio showed. Please redo it.",
    "Some of the items are missing. See my notes in the document.",
];

pub const CLIENT_MESSAGES: &[&str] = &[
    "Any update on this?",
    "Thanks, looks good so far.",
    "Can we get on a call tomorrow to go through it?",
    "I am travelling this week, will review on Monday.",
    "The deadline was yesterday. What is going on?",
    "Our board meets on Friday, we need this before then.",
    "I shared the files with my team, waiting for their feedback.",
    "We have decided to go in a different direction.",
];

pub const FREELANCER_MESSAGES: &[&str] = &[
    "Started on this today, will share progress on Thursday.",
    "Could you send the login details for the staging server?",
    "Quick question about the scope: is the blog section included?",
    "I have sent the files twice now, please confirm you received them.",
    "The extra pages were not in the original scope. Happy to quote for them.",
    "I have not heard back for a week. Can you please review the submission?",
    "Please see the attached timeline of what was agreed.",
    "Following up again on the payment for this milestone.",
];

pub const FEEDBACK_CLIENT: &[&str] = &[
    "Missed deadlines and poor communication.",
    "Did not deliver what was agreed.",
    "Started well but the quality dropped.",
    "Would not hire again.",
];

pub const FEEDBACK_FREELANCER: &[&str] = &[
    "Unclear brief and scope creep.",
    "Client ended the contract after the work was delivered.",
    "Slow to respond, changed requirements twice.",
    "Polite, but did not pay for the delivered work.",
];

pub const REASONS_MNR: &[&str] = &[
    "work_completed",
    "work_completed",
    "changes_out_of_scope",
    "client_unresponsive",
    "partial_work_completed",
];
pub const REASONS_EWB: &[&str] = &[
    "work_completed",
    "partial_work_completed",
    "contract_ended_without_cause",
    "scope_changed",
];

pub const STATEMENTS_MNR: &[&str] = &[
    "I delivered everything in the milestone description and the client has not released the payment.",
    "The client asked for changes that were never part of the agreed scope, then stopped replying.",
    "The work was approved in our chat, but the payment was never released.",
    "I completed most of the milestone; I am claiming the part that was delivered.",
    "The client is using the delivered files on their live site but will not release the milestone.",
];

pub const STATEMENTS_EWB: &[&str] = &[
    "The client ended the contract the day after I delivered and asked for a full refund.",
    "Most of the work was done when the client closed the contract. I am asking to be paid for it.",
    "The contract was ended without warning after three weeks of work, all of it documented in the messages.",
    "The client changed the scope and then ended the contract when I asked for a new milestone.",
];

pub const FREELANCER_EVIDENCE: &[&str] = &[
    "Attaching the full delivery and the message history where the scope was agreed.",
    "Evidence that the work is live on the client's site.",
    "Timeline of the project with every delivery and the client's replies.",
];

pub const CLIENT_STATEMENTS: &[&str] = &[
    "The delivered work does not meet the brief. We had to hire someone else to redo it.",
    "Only part of the work was delivered, and late.",
    "The freelancer stopped answering for two weeks in the middle of the project.",
    "The quality is far below what was promised. We will not pay for unusable work.",
    "We ended the contract because the deadlines kept slipping; we owe nothing for unfinished work.",
    "The files delivered were templates, not original work.",
];

pub const SPECIALISTS: &[(&str, u32)] = &[
    ("ana", 24),
    ("ben", 20),
    ("chloe", 18),
    ("dev", 16),
    ("emeka", 12),
    ("farah", 10),
];
pub const SUPERVISORS: &[&str] = &["sam", "sofia"];

pub const CHANNELS: &[&str] = &["email", "email", "phone", "platform_message", "video_call"];

pub const NOTES_TRIAGE: &[&str] = &[
    "Read the file. The brief in the first message is the key document.",
    "Scope looks clear from the milestone description; the disagreement is about quality.",
    "Check the message history around the last delivery before calling the parties.",
    "Second dispute from this client this year; see the earlier case.",
    "Freelancer attached the full delivery; client has not commented on it yet.",
];

pub const NOTES_MEDIATION: &[&str] = &[
    "Both parties agree the first part was delivered; they disagree on the revisions.",
    "Client says they never received the source files; freelancer shows the upload on the platform.",
    "Freelancer is open to a partial payment if the case closes this week.",
    "Asked both sides for their best offer by Friday.",
    "Client has hired a replacement and wants the escrow back; evidence of use of the work is weak.",
    "Explained the recommendation process and its deadlines to both parties.",
];

pub const NOTES_PARTIES: &[&str] = &[
    "Please send any further evidence through the platform by Thursday.",
    "A reminder that the recommendation is non-binding until both of you accept it.",
    "We will contact you both by email with next steps.",
];

pub const NOTES_AFTER: &[&str] = &[
    "Outcome sent to payments for execution.",
    "Closed. Both parties informed by email.",
    "Outcome confirmed with the payments team.",
];

/// Reaching the client before they answer the dispute.
pub const CONTACT_REACHED_CLIENT: &[&str] = &[
    "Client acknowledged the dispute and will answer within the week.",
    "Spoke to the client's project manager; they will send their statement.",
    "Client confirmed they received the delivery but dispute its quality.",
];

/// Reaching the client in mediation.
pub const CONTACT_MEDIATION_CLIENT: &[&str] = &[
    "Client is open to paying for the part they use.",
    "Client walked me through their objections, point by point against the brief.",
    "Client will consider a split if the source files are handed over.",
    "Client insists on a full refund; asked for evidence of the issues they describe.",
];

pub const CONTACT_FAILED_CLIENT: &[&str] = &[
    "No answer; left a voicemail.",
    "Email bounced back from the client's address.",
    "No reply to the email after two days.",
    "Call went to voicemail; sent a follow-up message on the platform.",
];

pub const CONTACT_FREELANCER: &[&str] = &[
    "Freelancer walked me through the delivery and the chat history.",
    "Freelancer will accept a partial payment to close the matter.",
    "Freelancer confirmed the files were delivered on the platform.",
];

pub const DECLINE_STATEMENTS: &[&str] = CLIENT_STATEMENTS;

/// Rationales for a recommendation mostly for the client (below 50 % to the
/// freelancer), shared (50 to 74 %), and mostly for the freelancer.
pub const RATIONALES: [&[&str]; 3] = [
    &[
        "The delivery was late and incomplete; the client used only a small part of it.",
        "Most of the milestone description was not met; the freelancer is paid for what was usable.",
        "The delivered files do not match the brief the freelancer accepted.",
    ],
    &[
        "About two thirds of the deliverables match the brief; the rest needs work the freelancer did not finish.",
        "Both parties share responsibility for the unclear brief; a split reflects the work delivered.",
        "The delivery was late and incomplete, but the client used part of it.",
    ],
    &[
        "The milestone description was met in substance; the revisions asked for fall outside it.",
        "The client's change requests went beyond the agreed scope; the freelancer delivered what was agreed.",
        "The evidence shows the work was delivered and is in use.",
    ],
];

pub const RETURN_NOTES: &[&str] = &[
    "The split does not reflect the client's evidence of late delivery. Please revisit.",
    "Rationale should reference the milestone description explicitly.",
    "Please check the ledger: part of this amount was already released.",
];

pub const SETTLEMENT_TERMS: &[&str] = &[
    "Parties agreed to split the disputed amount after a call.",
    "Freelancer accepts the partial payment; client keeps the delivered files.",
    "Client releases the amount in full after receiving the source files.",
    "Agreed by email; both parties confirmed in writing.",
];

pub const WITHDRAW_REASONS: &[&str] = &[
    "The freelancer withdrew the dispute after the parties agreed to continue the contract.",
    "Freelancer asked to withdraw: the client will release the milestone directly.",
    "Withdrawn at the freelancer's request; they no longer wish to pursue it.",
    "Freelancer withdrew rather than pay the arbitration fee.",
];

pub const EXTENSION_REASONS: &[&str] = &[
    "Client asked for more time: travelling this week.",
    "Client's team is on a public holiday.",
    "Parties asked for more time to consider the recommendation.",
    "Waiting for the client's accountant to confirm the payment.",
    "Freelancer requested time to gather evidence.",
];
