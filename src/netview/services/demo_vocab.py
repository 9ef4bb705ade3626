"""Words the demo network is made of: names in many scripts, companies, titles, phrases.

Everything here is invented or a common given/family name; no real person or company is meant.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Culture:
    """Name pools of one naming tradition.

    Names are (as written, romanised) pairs; for Latin scripts both are the same. `native_share`
    is how often members of this culture write their name in its script rather than in Latin
    letters; `raw_slug` how often their profile slug keeps non-ASCII letters.
    """

    label: str
    weight: float
    female: tuple[tuple[str, str], ...]
    male: tuple[tuple[str, str], ...]
    family: tuple[tuple[str, str], ...]
    cities: tuple[str, ...]
    native_share: float = 1.0
    raw_slug: float = 0.6


def _same(words: str) -> tuple[tuple[str, str], ...]:
    return tuple((w, w) for w in words.split(","))


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for item in text.split(","):
        native, latin = item.split("/")
        out.append((native, latin))
    return tuple(out)


CULTURES: tuple[Culture, ...] = (
    Culture(
        "english",
        20,
        _same("Emily,Olivia,Sarah,Jessica,Laura,Rachel,Hannah,Grace,Natalie,Megan,Charlotte,Amy"),
        _same("James,Michael,David,Daniel,Chris,Tom,Ben,Sam,Ryan,Alex,Matthew,Oliver"),
        _same(
            "Smith,Johnson,Brown,Taylor,Wilson,Clarke,Walker,Wright,Green,Baker,Hughes,Edwards,"
            "Turner,Hill,Scott,Morris,Cooper,Ward,Young,Bennett,Price,Palmer"
        ),
        (
            "London, England, United Kingdom",
            "New York, New York, United States",
            "Toronto, Ontario, Canada",
            "Manchester, England, United Kingdom",
            "San Francisco Bay Area",
            "Sydney, New South Wales, Australia",
        ),
    ),
    Culture(
        "german",
        10,
        _same("Lena,Anna,Sophie,Katrin,Leonie,Annika,Jana,Jülide,Miriam"),
        _same("Jürgen,Jörg,Lukas,Maximilian,Felix,Matthias,Jonas,Tobias,Sebastian,Björn"),
        _same(
            "Müller,Schmidt,Schröder,Weiß,Groß,Köhler,Fischer,Becker,Hoffmann,Schäfer,Wagner,"
            "Krüger,Böhm,Vogel,Lehmann"
        ),
        (
            "Berlin, Germany",
            "München, Bayern, Deutschland",
            "Hamburg, Germany",
            "Zürich, Switzerland",
            "Wien, Österreich",
        ),
    ),
    Culture(
        "nordic",
        6,
        _same("Åsa,Ingrid,Sigrid,Frida,Maja,Astrid,Linnéa,Kirsten"),
        _same("Søren,Bjørn,Lars,Mikael,Henrik,Jens,Oskar,Mads"),
        _same(
            "Andersen,Johansson,Nyström,Lindqvist,Ødegaard,Håkansson,Nielsen,Berg,Sørensen,"
            "Lindgren,Åberg,Dahl"
        ),
        (
            "Stockholm, Sweden",
            "Copenhagen, Capital Region of Denmark, Denmark",
            "Oslo, Norway",
            "Helsinki, Finland",
        ),
    ),
    Culture(
        "french",
        7,
        _same("Chloé,Élodie,Hélène,Camille,Léa,Océane,Margaux,Amélie,Inès"),
        _same("François,Jérôme,Mathieu,Théo,Benoît,Julien,Antoine,Noël"),
        _same(
            "Dubois,Lefèvre,Moreau,Girard,Fontaine,Rousseau,Bérenger,Mercier,Lemaître,"
            "Gauthier,Chevalier,Leroy"
        ),
        (
            "Paris, Île-de-France, France",
            "Lyon, Auvergne-Rhône-Alpes, France",
            "Montréal, Québec, Canada",
            "Bruxelles, Région de Bruxelles-Capitale, Belgique",
        ),
    ),
    Culture(
        "iberian",
        10,
        _same("María,Sofía,Lucía,Mónica,Inês,Valentina,Camila,Ana,Beatriz"),
        _same("José,Andrés,Joaquín,Raúl,João,Gonçalo,Tomás,Diego,Martín"),
        _same(
            "García,Fernández,López,Martínez,Hernández,González,Rodríguez,Muñoz,Peña,"
            "Gonçalves,Simões,Araújo,Sánchez,Ibáñez"
        ),
        (
            "Madrid, Comunidad de Madrid, España",
            "Barcelona, Catalonia, Spain",
            "Lisboa, Portugal",
            "São Paulo, Brazil",
            "Ciudad de México, México",
            "Buenos Aires, Argentina",
        ),
    ),
    Culture(
        "central",
        6,
        _same("Kateřina,Zofia,Małgorzata,Agnieszka,Zsófia,Réka,Tereza"),
        _same("Tomáš,Jiří,Łukasz,Paweł,Miloš,Bálint,Ondřej"),
        _same("Novák,Dvořák,Kowalski,Nowak,Wójcik,Horváth,Szabó,Kovács,Procházka,Černý,Zieliński"),
        (
            "Praha, Česko",
            "Warszawa, Mazowieckie, Polska",
            "Budapest, Hungary",
            "Kraków, Małopolskie, Poland",
        ),
    ),
    Culture(
        "turkish",
        4,
        _same("Ayşe,Özge,Çağla,Şule,Elif,Zeynep"),
        _same("Mehmet,Emre,Gökhan,İbrahim,Burak,Can"),
        _same("Yılmaz,Öztürk,Şahin,Çelik,Doğan,Aydın,Kılıç,Arslan,Koç,Güneş"),
        ("İstanbul, Türkiye", "Ankara, Türkiye", "İzmir, Türkiye"),
    ),
    Culture(
        "irish",
        3,
        _same("Siobhán,Aoife,Niamh,Órla,Caoimhe,Sinéad"),
        _same("Seán,Ciarán,Pádraig,Eoin,Darragh"),
        _same("Ó Súilleabháin,O'Connor,Ó Briain,MacCárthaigh,Byrne,O'Sullivan,Kavanagh,Ní Bhriain"),
        ("Dublin, County Dublin, Ireland", "Cork, County Cork, Ireland"),
    ),
    Culture(
        "cyrillic",
        6,
        _pairs(
            "Ольга/Olga,Екатерина/Ekaterina,Анна/Anna,Наталья/Natalia,Мария/Maria,"
            "Олена/Olena,Юлія/Yulia,Ірина/Iryna"
        ),
        _pairs(
            "Иван/Ivan,Дмитрий/Dmitry,Алексей/Alexey,Сергей/Sergey,Андрій/Andriy,"
            "Тарас/Taras,Богдан/Bohdan"
        ),
        _pairs(
            "Петренко/Petrenko,Шевченко/Shevchenko,Коваленко/Kovalenko,"
            "Бондаренко/Bondarenko,Ткаченко/Tkachenko,Мельник/Melnyk,Кравчук/Kravchuk,"
            "Лысенко/Lysenko,Ким/Kim,Гончар/Honchar"
        ),
        (
            "Kyiv, Kyiv City, Ukraine",
            "Lviv, Lviv Oblast, Ukraine",
            "Warsaw, Poland",
            "Tbilisi, Georgia",
            "Almaty, Kazakhstan",
        ),
        native_share=0.55,
        raw_slug=0.45,
    ),
    Culture(
        "arabic",
        6,
        _pairs("فاطمة/Fatima,ليلى/Layla,نور/Nour,مريم/Mariam,سارة/Sara,هدى/Huda,ياسمين/Yasmin"),
        _pairs("محمد/Mohammed,أحمد/Ahmed,عمر/Omar,يوسف/Youssef,خالد/Khaled,كريم/Karim,طارق/Tarek"),
        _pairs(
            "العلي/Al-Ali,حداد/Haddad,الحسن/Al-Hassan,منصور/Mansour,خوري/Khoury,"
            "السيد/El-Sayed,عبدالله/Abdullah,ناصر/Nasser,سليمان/Suleiman,حمدان/Hamdan"
        ),
        (
            "Dubai, United Arab Emirates",
            "Cairo, Egypt",
            "Riyadh, Saudi Arabia",
            "Amman, Jordan",
            "Casablanca, Morocco",
            "Beirut, Lebanon",
        ),
        native_share=0.4,
        raw_slug=0.25,
    ),
    Culture(
        "chinese",
        6,
        _pairs("芳/Fang,静/Jing,敏/Min,婷/Ting,慧/Hui,雪/Xue,丽娟/Lijuan"),
        _pairs("伟/Wei,磊/Lei,洋/Yang,杰/Jie,强/Qiang,晓明/Xiaoming,浩/Hao"),
        _pairs("王/Wang,李/Li,张/Zhang,刘/Liu,陈/Chen,杨/Yang,黄/Huang,赵/Zhao,周/Zhou,吴/Wu"),
        (
            "Shanghai, China",
            "Beijing, China",
            "Shenzhen, Guangdong, China",
            "Singapore",
            "Hong Kong SAR",
            "Taipei City, Taiwan",
        ),
        native_share=0.45,
        raw_slug=0.15,
    ),
    Culture(
        "japanese",
        4,
        _pairs("裕子/Yuko,美咲/Misaki,直美/Naomi,さくら/Sakura,由美/Yumi,愛/Ai"),
        _pairs("健太/Kenta,翔/Sho,大輔/Daisuke,拓也/Takuya,健二/Kenji,悠真/Yuma"),
        _pairs(
            "佐藤/Sato,鈴木/Suzuki,高橋/Takahashi,田中/Tanaka,渡辺/Watanabe,伊藤/Ito,"
            "山本/Yamamoto,中村/Nakamura,小林/Kobayashi,加藤/Kato"
        ),
        ("Tokyo, Japan", "Osaka, Japan", "Yokohama, Kanagawa, Japan"),
        native_share=0.5,
        raw_slug=0.2,
    ),
    Culture(
        "korean",
        3,
        _pairs("서연/Seoyeon,지우/Jiwoo,수빈/Subin,하은/Haeun,민지/Minji"),
        _pairs("민준/Minjun,지훈/Jihoon,현우/Hyunwoo,도윤/Doyun,성민/Sungmin"),
        _pairs("김/Kim,이/Lee,박/Park,최/Choi,정/Jung,강/Kang,조/Cho,윤/Yoon"),
        ("Seoul, South Korea", "Busan, South Korea"),
        native_share=0.45,
        raw_slug=0.2,
    ),
    Culture(
        "vietnamese",
        4,
        _same("Thảo,Hương,Quỳnh,Phương,Trang,Linh,Ngọc"),
        _same("Đức,Minh,Tuấn,Hải,Dũng,Khánh,Quang"),
        _same("Nguyễn,Trần,Lê,Phạm,Hoàng,Huỳnh,Phan,Vũ,Võ,Đặng,Bùi,Đỗ"),
        ("Hà Nội, Việt Nam", "Ho Chi Minh City, Vietnam", "Đà Nẵng, Việt Nam"),
        raw_slug=0.35,
    ),
    Culture(
        "indian",
        7,
        _same("Priya,Ananya,Divya,Sneha,Kavya,Aishwarya,Meera"),
        _same("Rahul,Arjun,Vikram,Rohan,Aditya,Karthik,Siddharth"),
        _same("Sharma,Patel,Iyer,Reddy,Gupta,Nair,Singh,Kumar,Mehta,Banerjee,Krishnan"),
        (
            "Bengaluru, Karnataka, India",
            "Mumbai, Maharashtra, India",
            "Pune, Maharashtra, India",
            "Hyderabad, Telangana, India",
        ),
    ),
    Culture(
        "african",
        5,
        _same("Ngozi,Amara,Abena,Wanjiru,Zanele,Chiamaka,Thandiwe"),
        _same("Chinedu,Emeka,Kwame,Oluwaseun,Tendai,Kofi,Tunde"),
        _same("Okafor,Adeyemi,Mensah,Okonkwo,Kamau,Otieno,Nwosu,Boateng,Dlamini,Abubakar"),
        (
            "Lagos, Nigeria",
            "Nairobi, Kenya",
            "Accra, Greater Accra Region, Ghana",
            "Cape Town, Western Cape, South Africa",
        ),
    ),
)

EMOJI = ("🚀", "🌱", "✨", "👋", "🌍", "☕", "🎨", "📈")
PRONOUNS_FEMALE = "(She/Her)"
PRONOUNS_MALE = "(He/Him)"
PRONOUNS_ANY = "(They/Them)"
CREDENTIALS = (", PhD", ", PhD", ", MBA", ", CFA", ", PMP")

# --- companies -----------------------------------------------------------------------------

COMPANY_STEMS = (
    "Northwind",
    "Kestrel",
    "Bluefin",
    "Aurora",
    "Granite",
    "Lumen",
    "Helix",
    "Quarry",
    "Juniper",
    "Meridian",
    "Solstice",
    "Tessera",
    "Orbit",
    "Cobalt",
    "Harbor",
    "Nimbus",
    "Falcon",
    "Vertex",
    "Copper",
    "Evergreen",
    "Sable",
    "Atlas",
    "Beacon",
    "Cedar",
    "Driftwood",
    "Ember",
    "Fjord",
    "Glacier",
    "Halcyon",
    "Ironbark",
    "Jade",
    "Kite",
    "Larch",
    "Mosaic",
    "Nova",
    "Obsidian",
    "Pioneer",
    "Quill",
    "Riverstone",
    "Saffron",
    "Tidal",
    "Umber",
    "Vantage",
    "Willow",
    "Zephyr",
    "Brightline",
    "Clearpath",
    "Deepwell",
    "Fairway",
    "Goldcrest",
    "Highland",
    "Lakeside",
    "Müller & Söhne",
    "Østergaard",
    "Bergström",
    "Nordlicht",
    "Sakura",
    "Lotus",
    "Baobab",
)
COMPANY_FIELDS = (
    "Analytics",
    "Logistics",
    "Robotics",
    "Health",
    "Systems",
    "Labs",
    "Software",
    "Energy",
    "Capital",
    "Foods",
    "Mobility",
    "Bank",
    "Insurance",
    "Media",
    "Biotech",
    "Payments",
    "Retail",
    "Consulting",
    "Security",
    "Cloud",
    "Games",
    "Materials",
    "Telecom",
    "AI",
)
COMPANY_SUFFIXES = (
    "Inc.",
    "Inc.",
    "GmbH",
    "GmbH",
    "Ltd",
    "Ltd.",
    "LLC",
    "S.A.",
    "B.V.",
    "AB",
    "Oy",
    "AG",
    "K.K.",
    "S.r.l.",
    "Pty Ltd",
    "SAS",
    "sp. z o.o.",
    "plc",
    "Co., Ltd.",
    "",
    "",
    "",
    "",
)
INDUSTRIES = {
    "Analytics": "Software Development",
    "Software": "Software Development",
    "Cloud": "IT Services and IT Consulting",
    "AI": "Technology, Information and Internet",
    "Labs": "Research Services",
    "Systems": "IT Services and IT Consulting",
    "Logistics": "Transportation, Logistics, Supply Chain and Storage",
    "Robotics": "Automation Machinery Manufacturing",
    "Health": "Hospitals and Health Care",
    "Energy": "Renewable Energy Power Generation",
    "Capital": "Venture Capital and Private Equity",
    "Foods": "Food and Beverage Services",
    "Mobility": "Motor Vehicle Manufacturing",
    "Bank": "Banking",
    "Insurance": "Insurance",
    "Media": "Online Audio and Video Media",
    "Biotech": "Biotechnology Research",
    "Payments": "Financial Services",
    "Retail": "Retail",
    "Consulting": "Business Consulting and Services",
    "Security": "Computer and Network Security",
    "Games": "Computer Games",
    "Materials": "Chemical Manufacturing",
    "Telecom": "Telecommunications",
}

# --- work ----------------------------------------------------------------------------------

SENIORITY_WEIGHTS = (18, 30, 24, 12, 8, 5, 3)  # junior, mid, senior, lead, head, VP, C-level

FUNCTIONS: dict[str, tuple[float, tuple[tuple[str, ...], ...]]] = {
    "engineering": (
        32,
        (
            ("Junior Software Engineer", "Graduate Engineer", "Software Engineering Intern"),
            (
                "Software Engineer",
                "Backend Engineer",
                "Frontend Developer",
                "Data Engineer",
                "DevOps Engineer",
                "Machine Learning Engineer",
                "Mobile Developer",
            ),
            (
                "Senior Software Engineer",
                "Senior Data Engineer",
                "Senior Backend Engineer",
                "Senior Site Reliability Engineer",
            ),
            (
                "Staff Engineer",
                "Staff Engineer, Platform",
                "Tech Lead",
                "Engineering Manager",
                "Principal Engineer",
            ),
            ("Head of Engineering", "Director of Engineering", "Head of Platform", "Head of Data"),
            ("VP Engineering", "VP of Engineering, Infrastructure"),
            ("CTO", "Chief Technology Officer", "Co-founder & CTO"),
        ),
    ),
    "sales": (
        20,
        (
            ("Sales Development Representative", "Business Development Representative"),
            ("Account Executive", "Account Manager", "Customer Success Manager"),
            ("Senior Account Executive", "Key Account Manager", "Senior Customer Success Manager"),
            ("Sales Team Lead", "Sales Manager", "Regional Sales Manager, DACH"),
            ("Head of Sales", "Sales Director", "Director, Enterprise Sales"),
            ("VP Sales", "VP of Sales, EMEA"),
            ("Chief Revenue Officer", "CEO", "Founder & CEO"),
        ),
    ),
    "product": (
        12,
        (
            ("Associate Product Manager", "Product Analyst"),
            ("Product Manager", "Product Owner", "Technical Product Manager"),
            ("Senior Product Manager", "Senior Product Owner"),
            ("Group Product Manager", "Lead Product Manager", "Principal Product Manager"),
            ("Head of Product", "Director of Product"),
            ("VP Product",),
            ("Chief Product Officer", "Co-founder & CEO"),
        ),
    ),
    "design": (
        10,
        (
            ("Junior UX Designer", "Design Intern"),
            ("Product Designer", "UX Designer", "UI Designer", "UX Researcher"),
            ("Senior Product Designer", "Senior UX Researcher"),
            ("Lead Designer", "Design Manager", "Principal Designer"),
            ("Head of Design", "Design Director"),
            ("VP Design",),
            ("Chief Design Officer",),
        ),
    ),
    "people": (
        12,
        (
            ("HR Assistant", "Recruiting Coordinator"),
            ("Talent Partner", "Recruiter", "HR Business Partner", "Technical Recruiter"),
            ("Senior Recruiter", "Senior HR Business Partner"),
            ("People Lead", "Talent Acquisition Lead", "HR Manager"),
            ("Head of People", "Head of Talent"),
            ("VP People",),
            ("Chief People Officer",),
        ),
    ),
    "finance": (
        14,
        (
            ("Junior Accountant", "Finance Assistant"),
            ("Financial Analyst", "Accountant", "FP&A Analyst", "Controller"),
            ("Senior Financial Analyst", "Senior Accountant"),
            ("Finance Manager", "FP&A Lead"),
            ("Head of Finance", "Finance Director"),
            ("VP Finance",),
            ("CFO", "Chief Financial Officer"),
        ),
    ),
}

SKILLS = {
    "engineering": (
        "Python",
        "Kubernetes",
        "SQL",
        "Go",
        "TypeScript",
        "System Design",
        "Machine Learning",
        "AWS",
        "Distributed Systems",
    ),
    "sales": (
        "Negotiation",
        "Salesforce",
        "B2B Sales",
        "Account Management",
        "Public Speaking",
        "Lead Generation",
    ),
    "product": (
        "Product Management",
        "Roadmapping",
        "User Research",
        "Agile Methodologies",
        "SQL",
        "Stakeholder Management",
    ),
    "design": ("UX Research", "Figma", "Interaction Design", "Design Systems", "Prototyping"),
    "people": (
        "Recruiting",
        "Employer Branding",
        "Leadership",
        "Coaching",
        "Talent Management",
        "Onboarding",
    ),
    "finance": (
        "Financial Modeling",
        "Budgeting",
        "Excel",
        "Forecasting",
        "Accounting",
        "Due Diligence",
    ),
}

# --- words people write --------------------------------------------------------------------

EVENTS = (
    "the meetup",
    "PyCon",
    "the conference in Lisbon",
    "the offsite",
    "Web Summit",
    "the hiring fair",
    "last week's panel",
    "the hackathon",
)

OPENERS = (
    "Hi {first}, thanks for connecting!",
    "Hi {first}, great meeting you at {event}. Let's stay in touch.",
    "Hey {first} — saw you're at {company} now. Congrats!",
    "Hi {first}, I'm building a team at {mycompany} & thought of you. Open to a chat?",
    "Hello {first}, a friend suggested I reach out about {topic}.",
    "Hi {first}! Loved your post on {topic}.",
    "Congrats on the new role 🎉",
    "Hi {first}, quick question about {topic} if you have 5 minutes?",
)
REPLIES = (
    "Thanks! Talk soon.",
    "Sounds good & see you then.",
    "Let's grab a coffee next week?",
    "I'll send over the deck tonight.",
    "Happy to help — what's the best time for you?",
    "Sure, Tuesday at 10 works.",
    "Haha, that's exactly what I thought 😄",
    "Following up on our chat.",
    "Thanks for the intro, really appreciated.",
    "Just saw this, sorry for the late reply!",
    "Do you know anyone at {company} working on {topic}?",
    "Yes! I'll loop in my colleague.",
    "Can't make it this week, next one?",
    'Here\'s the doc: "{topic} notes v2"',
    "Great catching up today.",
    "Happy new year, {first}!",
    "We're hiring for a {title} — know anyone?",
    "I'd love your take on {topic} <3",
    "Ping me when you're in town!",
    "Just read your post on {topic} — spot on.",
    "Congrats on the launch!! 🚀",
    "Could you take a look at this before Friday?",
    "Let me check with the team and get back to you.",
    "Thank you so much, {first}!",
    "Ok, booked the room for 3pm.",
    "Did you see the news about {company}?",
    "I moved teams, now working on {topic}.",
    "Sending the contract over now.",
    "👍",
    "Absolutely, count me in.",
)
TOPICS = (
    "data platforms",
    "pricing",
    "hiring in Berlin",
    "design systems",
    "the Q3 roadmap",
    "remote onboarding",
    "LLM evaluation",
    "Series A fundraising",
    "SOC 2",
    "churn",
    "career moves",
    "mentoring",
)
GROUP_TITLES = (
    "Offsite planning",
    "Q3 hiring sync",
    "Book club 📚",
    "Alumni dinner",
    "Conference carpool",
    "Launch war room",
    "Reading group: {topic}",
)
INVITE_NOTES = (
    "Hi {first}, great meeting you at {event} — let's stay in touch!",
    "Hello {first},\nI enjoyed your talk on {topic}. Would love to connect.",
    "Hi {first}, we spoke briefly about {topic}. Happy to connect here.",
    "Hi {first}, I'm a {title} at {mycompany}; would be great to connect.",
    "Hey {first}! We were both at {event}, right? 👋",
)
RECRUITER_SUBJECTS = (
    "Opportunity at {company}",
    "{title} role — interested?",
    "Quick chat about a new role?",
)
RECRUITER_TEXT = (
    "Hi {first}, I'm hiring a {role} at {mycompany}. Your background in {topic} caught my eye — "
    "open to a short call?"
)
RECOMMENDATIONS = (
    '{first} is a generous collaborator, and "gets things done", every time.',
    "I worked with {first} at {company} for two years. Sharp, calm under pressure, and the "
    "person everyone goes to when {topic} gets hard.",
    "{first} managed me during a tough re-org; I've rarely seen anyone care this much about "
    "the team.",
    "Few people combine craft and kindness like {first}. Any team would be lucky.",
    "{first} led our work on {topic} end to end: clear plans, honest updates, great results.",
)
SUMMARIES = (
    "Building things with great people.",
    "I help teams ship {topic} that customers love.",
    "Curious about {topic}, people and good coffee.",
    "Ex-{company}. Mentor. Runner.",
)
