"""The words of the association's demo data, in Kazakh, Russian and English (see association/demo.py)."""

from decimal import Decimal

ABOUT = {
    "title": {
        "kk": "Қауымдастық туралы",
        "ru": "Об ассоциации",
        "en": "About the association",
    },
    "summary": {
        "kk": "«Digital Kazakhstan» — цифрлық және технологиялық компаниялардың Астанадағы коммерциялық емес "
        "қауымдастығы. Біз саланың мүддесін қорғаймыз және мүшелерімізді бір-бірімен байланыстырамыз.",
        "ru": "«Digital Kazakhstan» — некоммерческая ассоциация цифровых и технологических компаний с центром в "
        "Астане. Мы отстаиваем интересы отрасли и помогаем членам ассоциации находить друг друга.",
        "en": "Digital Kazakhstan is a non-profit association of digital and technology companies, based in "
        "Astana. We speak for the industry and help our members find each other.",
    },
    "body": {
        "kk": """## Біздің мақсатымыз

Қазақстанның цифрлық саласы әр өңірде бәсекеге қабілетті болуы үшін жағдай жасау: адал ойын ережелері,
түсінікті стандарттар және білікті мамандар.

## Не істейміз

- Цифрлық реттеу, стандарттар және мемлекеттік сатып алу жөніндегі заң жобаларына мүшелердің ортақ
  ұстанымын дайындаймыз.
- Жұмыс топтарында мүше компаниялардың сарапшыларын біріктіреміз.
- Семинарлар, кездесулер және жалпы жиналыстар өткіземіз.
- Мүшелердің ашық тізілімін және жабдықтар каталогын жүргіземіз.

## Басқару

Қауымдастықтың жоғарғы органы — мүшелердің жалпы жиналысы. Ол жылына кемінде бір рет шақырылады,
жарғыны бекітеді, басқарманы сайлайды және жарна мөлшерін белгілейді. Күнделікті жұмысты атқарушы
директор басқаратын атқарушы дирекция жүргізеді.

Қауымдастық 2019 жылы құрылды және Астана қаласының әділет департаментінде тіркелген.""",
        "ru": """## Наша цель

Чтобы цифровая отрасль Казахстана была конкурентоспособной в каждом регионе: честные правила игры,
понятные стандарты и квалифицированные кадры.

## Что мы делаем

- Готовим общую позицию членов ассоциации по законопроектам о цифровом регулировании, стандартах и
  государственных закупках.
- Объединяем экспертов компаний — членов ассоциации в рабочих группах.
- Проводим семинары, встречи и общие собрания.
- Ведём открытый реестр членов ассоциации и каталог оборудования.

## Управление

Высший орган ассоциации — общее собрание членов. Оно созывается не реже одного раза в год, утверждает
устав, избирает правление и устанавливает размер взносов. Текущую работу ведёт исполнительная дирекция
во главе с исполнительным директором.

Ассоциация создана в 2019 году и зарегистрирована в департаменте юстиции города Астаны.""",
        "en": """## Our purpose

A digital industry that can compete in every region of Kazakhstan: fair rules, clear standards and
skilled people.

## What we do

- We prepare our members' common position on draft laws about digital regulation, standards and public
  procurement.
- We bring the experts of member companies together in working groups.
- We hold seminars, meetings and general meetings.
- We keep the open register of members and the equipment catalogue.

## Governance

The general meeting of members is the association's highest body. It meets at least once a year, adopts the
charter, elects the board and sets the fees. The executive office, led by the executive director, runs the
day-to-day work.

The association was founded in 2019 and is registered with the Astana city department of justice.""",
    },
}

MEMBERSHIP = {
    "title": {
        "kk": "Мүшелік және жарналар",
        "ru": "Членство и взносы",
        "en": "Membership and fees",
    },
    "summary": {
        "kk": "Қауымдастыққа Қазақстанда тіркелген цифрлық және технологиялық компаниялар кіре алады. "
        "Өтінім онлайн беріледі, шешім электрондық поштамен хабарланады.",
        "ru": "В ассоциацию могут вступить цифровые и технологические компании, зарегистрированные в "
        "Казахстане. Заявка подаётся онлайн, о решении сообщаем по электронной почте.",
        "en": "Digital and technology companies registered in Kazakhstan may join. You apply online and hear of "
        "the decision by email.",
    },
    "body": {
        "kk": """## Кім мүше бола алады

- Қазақстан Республикасында тіркелген, БСН-і бар заңды тұлғалар.
- Қызметі бағдарламалық қамтамасыз ету, байланыс, деректер орталықтары, жабдық жеткізу, цифрлық
  қызметтер немесе ғылыми-техникалық әзірлемелермен байланысты компаниялар.
- Қауымдастық жарғысы мен әдеп кодексін қабылдайтын компаниялар.

## Қалай кіруге болады

1. Сайттағы нысан арқылы аккредиттеуге өтінім беріңіз: БСН, өңір, байланыс тұлғасы және қызметтің
   қысқаша сипаттамасы.
2. Қызметкерлеріміз өтінімді қарап, қажет болса қосымша мәлімет сұрайды.
3. Өтінім мақұлданғаннан кейін кіру жарнасы мен бірінші жылдық жарнаға шот жібереміз.
4. Компания мүшелер тізіліміне енгізіледі (жариялауға келісім берсе).

## Дайындайтын құжаттар

- Мемлекеттік тіркеу туралы анықтама.
- Жарғының көшірмесі.
- Соңғы тоқсандағы қызметкерлер саны туралы мәлімет (жарна мөлшері осыған байланысты).""",
        "ru": """## Кто может вступить

- Юридические лица, зарегистрированные в Республике Казахстан и имеющие БИН.
- Компании, чья деятельность связана с программным обеспечением, связью, центрами обработки данных,
  поставкой оборудования, цифровыми услугами или научно-техническими разработками.
- Компании, принимающие устав ассоциации и её кодекс этики.

## Как вступить

1. Подайте заявку на аккредитацию через форму на сайте: БИН, регион, контактное лицо и краткое описание
   деятельности.
2. Сотрудники рассмотрят заявку и при необходимости запросят дополнительные сведения.
3. После одобрения мы выставим счёт на вступительный и первый ежегодный взнос.
4. Компания появится в реестре членов ассоциации (если дала согласие на публикацию).

## Какие документы подготовить

- Справку о государственной регистрации.
- Копию устава.
- Сведения о численности работников за последний квартал (от неё зависит размер взноса).""",
        "en": """## Who may join

- Legal entities registered in the Republic of Kazakhstan, with a BIN.
- Companies working in software, telecommunications, data centres, equipment supply, digital services or
  research and development.
- Companies that accept the association's charter and its code of ethics.

## How to join

1. Apply for accreditation with the form on this site: your BIN, region, a contact person and a short
   description of your business.
2. Our staff review the application and ask for more information if they need it.
3. Once the application is approved, we send an invoice for the entrance fee and the first annual fee.
4. Your company appears in the members directory (if it agreed to publication).

## Documents to prepare

- The certificate of state registration.
- A copy of the charter.
- The number of employees in the last quarter (the annual fee depends on it).""",
    },
}

OFFICE = {
    "phone": "+7 7172 72 40 15",
    "hours": {
        "kk": "Дүйсенбі–жұма, 09:00–18:00 (түскі үзіліс 13:00–14:00)",
        "ru": "Понедельник–пятница, 09:00–18:00 (обед 13:00–14:00)",
        "en": "Monday to Friday, 9:00–18:00 (lunch break 13:00–14:00)",
    },
}

# group, order, names (kk, ru, en), roles (kk, ru, en)
PEOPLE = [
    ("board", 1, ("Ерлан Әбенов", "Ерлан Абенов", "Yerlan Abenov"),
     ("Басқарма төрағасы", "Председатель правления", "Chair of the board")),
    ("board", 2, ("Динара Өтегенова", "Динара Утегенова", "Dinara Utegenova"),
     ("Басқарма төрағасының орынбасары", "Заместитель председателя правления", "Deputy chair of the board")),
    ("board", 3, ("Ольга Петренко", "Ольга Петренко", "Olga Petrenko"),
     ("Басқарма мүшесі", "Член правления", "Member of the board")),
    ("board", 4, ("Тимур Оспанов", "Тимур Оспанов", "Timur Ospanov"),
     ("Басқарма мүшесі", "Член правления", "Member of the board")),
    ("staff", 1, ("Айгүл Серікова", "Айгуль Серикова", "Aigul Serikova"),
     ("Атқарушы директор", "Исполнительный директор", "Executive director")),
    ("staff", 2, ("Бауыржан Қасымов", "Бауыржан Касымов", "Bauyrzhan Kassymov"),
     ("Мүшелермен жұмыс жөніндегі менеджер", "Менеджер по работе с членами ассоциации", "Membership manager")),
    ("staff", 3, ("Мадина Жұнісова", "Мадина Жунусова", "Madina Zhunussova"),
     ("Іс-шаралар үйлестірушісі", "Координатор мероприятий", "Events coordinator")),
]  # fmt: skip

# section, key, titles (kk, ru, en), language of the document, days before today, text of the demo PDF
DOCUMENTS = [
    ("about", "charter-kk", ("Қауымдастық жарғысы", "Устав ассоциации (на казахском)", "Charter (in Kazakh)"),
     "kk", 400, "Charter of the Digital Kazakhstan association (Kazakh text)"),
    ("about", "charter-ru", ("Қауымдастық жарғысы (орыс тілінде)", "Устав ассоциации", "Charter (in Russian)"),
     "ru", 400, "Charter of the Digital Kazakhstan association (Russian text)"),
    ("about", "report-2025", ("2025 жылғы жылдық есеп", "Годовой отчёт за 2025 год", "Annual report 2025"),
     "ru", 90, "Annual report of the Digital Kazakhstan association for 2025"),
    ("membership", "fee-regulation", ("Жарналар туралы ереже", "Положение о взносах", "Regulation on fees"),
     "ru", 60, "Regulation on membership fees, adopted by the general meeting"),
    ("membership", "ethics", ("Әдеп кодексі", "Кодекс этики", "Code of ethics"),
     "en", 300, "Code of ethics of the members of the Digital Kazakhstan association"),
]  # fmt: skip

TARIFF = {
    "valid_from_month_day": (1, 1),  # 1 January of the current year
    "entrance_fee_mci": Decimal("10"),
    "bands": [
        (1, 15, Decimal("15")),
        (16, 100, Decimal("40")),
        (101, 250, Decimal("80")),
        (251, None, Decimal("150")),
    ],
    "decision": {
        "kk": "Мүшелердің жалпы жиналысының шешімі, 2025 жылғы 12 желтоқсандағы № 4 хаттама",
        "ru": "Решение общего собрания членов ассоциации, протокол № 4 от 12 декабря 2025 года",
        "en": "Decision of the general meeting of members, minutes No. 4 of 12 December 2025",
    },
}

# slug, member filter (a word of the English description), names, summaries, descriptions, chairs
WORKING_GROUPS = [
    {
        "slug": "artificial-intelligence",
        "members_with": "Cloud",
        "name": {
            "kk": "Жасанды интеллект",
            "ru": "Искусственный интеллект",
            "en": "Artificial intelligence",
        },
        "summary": {
            "kk": "Жасанды интеллектіні реттеу, деректерге қолжетімділік және есептеу қуаттары.",
            "ru": "Регулирование искусственного интеллекта, доступ к данным и вычислительные мощности.",
            "en": "Regulating artificial intelligence, access to data and computing capacity.",
        },
        "description": {
            "kk": "Топ жасанды интеллект туралы заң жобасына ұсыныстар дайындайды және мемлекеттік "
            "деректерді ашу тәртібін талқылайды.\n\nОтырыстар айына бір рет, әдетте Астанадағы кеңседе "
            "және онлайн өтеді.",
            "ru": "Группа готовит предложения к законопроекту об искусственном интеллекте и обсуждает "
            "порядок открытия государственных данных.\n\nЗаседания проходят раз в месяц, как правило в офисе "
            "в Астане и онлайн.",
            "en": "The group prepares proposals for the draft law on artificial intelligence and discusses how "
            "public data should be opened.\n\nIt meets once a month, usually at the office in Astana and online.",
        },
        "chair": {"kk": "Динара Өтегенова", "ru": "Динара Утегенова", "en": "Dinara Utegenova"},
    },
    {
        "slug": "cybersecurity",
        "members_with": "Networks",
        "name": {"kk": "Киберқауіпсіздік", "ru": "Кибербезопасность", "en": "Cybersecurity"},
        "summary": {
            "kk": "Шағын және орта бизнестің ақпараттық қауіпсіздігі, оқыс оқиғалар туралы хабарлау.",
            "ru": "Информационная безопасность малого и среднего бизнеса, уведомление об инцидентах.",
            "en": "Information security for small and medium businesses, reporting incidents.",
        },
        "description": {
            "kk": "Топ шағын компанияларға арналған қауіпсіздіктің ең аз талаптарын әзірлейді және "
            "өңірлерде семинарлар ұйымдастырады.",
            "ru": "Группа разрабатывает минимальные требования безопасности для небольших компаний и "
            "организует семинары в регионах.",
            "en": "The group drafts minimum security requirements for small companies and organises seminars "
            "in the regions.",
        },
        "chair": {"kk": "Ольга Петренко", "ru": "Ольга Петренко", "en": "Olga Petrenko"},
    },
    {
        "slug": "public-procurement",
        "members_with": "Systems",
        "name": {
            "kk": "Мемлекеттік сатып алу",
            "ru": "Государственные закупки",
            "en": "Public procurement",
        },
        "summary": {
            "kk": "Отандық бағдарламалық қамтамасыз ету мен жабдықты мемлекеттік сатып алуға қатысу.",
            "ru": "Участие отечественного программного обеспечения и оборудования в госзакупках.",
            "en": "Kazakhstani software and equipment in public procurement.",
        },
        "description": {
            "kk": "Топ техникалық ерекшеліктердің үлгілерін жинайды және сатып алу ережелеріне "
            "өзгерістер ұсынады.",
            "ru": "Группа собирает образцы технических спецификаций и предлагает изменения в правила "
            "закупок.",
            "en": "The group collects model technical specifications and proposes changes to the procurement "
            "rules.",
        },
        "chair": {"kk": "Тимур Оспанов", "ru": "Тимур Оспанов", "en": "Timur Ospanov"},
    },
]

# slug, days ago, languages written; title, summary, body per language (Markdown)
NEWS = [
    {
        "slug": "fee-tariff-2026",
        "days_ago": 60,
        "title": {
            "kk": "Жалпы жиналыс 2026 жылға арналған жарна тарифін бекітті",
            "ru": "Общее собрание утвердило тариф взносов на 2026 год",
            "en": "General meeting adopts the 2026 fee tariff",
        },
        "summary": {
            "kk": "Жылдық жарна бұрынғыша АЕК-пен белгіленеді және компаниядағы қызметкерлер санына байланысты.",
            "ru": "Ежегодный взнос по-прежнему устанавливается в МРП и зависит от численности работников.",
            "en": "The annual fee is still set in MCI and depends on the number of employees.",
        },
        "body": {
            "kk": "Мүшелердің жалпы жиналысы 2026 жылғы 1 қаңтардан бастап қолданылатын тарифті бекітті. "
            "Кіру жарнасы — 10 АЕК, жылдық жарна компанияның көлеміне қарай 15-тен 150 АЕК-ке дейін.\n\n"
            "Толық кесте [Мүшелік және жарналар](/kk/membership/) бетінде.",
            "ru": "Общее собрание членов ассоциации утвердило тариф, который действует с 1 января 2026 года. "
            "Вступительный взнос — 10 МРП, ежегодный — от 15 до 150 МРП в зависимости от размера компании.\n\n"
            "Полная таблица — на странице [Членство и взносы](/ru/membership/).",
            "en": "The general meeting of members adopted the tariff in force from 1 January 2026. The entrance "
            "fee is 10 MCI; the annual fee ranges from 15 to 150 MCI depending on the size of the company.\n\n"
            "The full table is on the [Membership and fees](/en/membership/) page.",
        },
    },
    {
        "slug": "ai-working-group",
        "days_ago": 40,
        "title": {
            "kk": "Жасанды интеллект жөніндегі жұмыс тобы құрылды",
            "ru": "Создана рабочая группа по искусственному интеллекту",
            "en": "A working group on artificial intelligence",
        },
        "summary": {
            "kk": "Топ заң жобасына мүшелердің ұсыныстарын жинайды.",
            "ru": "Группа соберёт предложения членов ассоциации к законопроекту.",
            "en": "The group collects members' proposals for the draft law.",
        },
        "body": {
            "kk": "Басқарма жасанды интеллект жөніндегі жұмыс тобын құрды. Оған алғашқы мүше "
            "компаниялар қосылды.\n\nТопқа қосылғысы келетін мүшелер бізге жаза алады.",
            "ru": "Правление создало рабочую группу по искусственному интеллекту. В неё уже вошли первые "
            "компании — члены ассоциации.\n\nЧлены ассоциации, которые хотят присоединиться, могут написать нам.",
            "en": "The board set up a working group on artificial intelligence. The first member companies have "
            "joined it.\n\nMembers who wish to join can write to us.",
        },
    },
    {
        "slug": "digital-code-comments",
        "days_ago": 25,
        "title": {
            "kk": "Қауымдастық Цифрлық кодекс жобасына ескертулер жіберді",
            "ru": "Ассоциация направила замечания к проекту Цифрового кодекса",
            "en": "",
        },
        "summary": {
            "kk": "Ескертулер деректерді сақтау мен операторлардың жауапкершілігіне қатысты.",
            "ru": "Замечания касаются хранения данных и ответственности операторов.",
            "en": "",
        },
        "body": {
            "kk": "Қауымдастық мүшелердің пікірлерін жинап, Цифрлық даму министрлігіне 37 ескерту жіберді. "
            "Негізгі ұсыныстар:\n\n- деректерді сақтау мерзімдерін нақтылау;\n- шағын компаниялар үшін "
            "есептілікті жеңілдету.",
            "ru": "Ассоциация собрала мнения членов и направила в Министерство цифрового развития 37 "
            "замечаний. Основные предложения:\n\n- уточнить сроки хранения данных;\n- упростить отчётность "
            "для небольших компаний.",
            "en": "",
        },
    },
    {
        "slug": "demo-day-astana",
        "days_ago": 14,
        "title": {"kk": "", "ru": "Члены ассоциации на Demo Day в Астане", "en": ""},
        "summary": {
            "kk": "",
            "ru": "Шесть компаний — членов ассоциации показали свои продукты инвесторам.",
            "en": "",
        },
        "body": {
            "kk": "",
            "ru": "На Demo Day в Астане шесть компаний — членов ассоциации представили свои продукты: от "
            "облачной бухгалтерии до дронов для агросектора. Две из них договорились о пилотных проектах.",
            "en": "",
        },
    },
    {
        "slug": "directory-open-data",
        "days_ago": 7,
        "title": {
            "kk": "Мүшелер тізілімі енді ашық деректер ретінде қолжетімді",
            "ru": "Реестр членов ассоциации теперь доступен как открытые данные",
            "en": "The members directory is now open data",
        },
        "summary": {
            "kk": "Тізілімді JSON және CSV форматында жүктеп алуға болады.",
            "ru": "Реестр можно скачать в форматах JSON и CSV.",
            "en": "The directory can be downloaded as JSON and CSV.",
        },
        "body": {
            "kk": "Жариялауға келісім берген мүшелердің ашық профильдері енді машина оқи алатын форматта "
            "жарияланады. Өңірлер бойынша карта мен файлдар [осы бетте](/kk/members/map/).",
            "ru": "Открытые профили членов ассоциации, согласившихся на публикацию, теперь публикуются в машиночитаемом "
            "виде. Карта по регионам и файлы — [на этой странице](/ru/members/map/).",
            "en": "The public profiles of members who agreed to publication are now published in machine-"
            "readable form. The map by region and the files are [on this page](/en/members/map/).",
        },
    },
    {
        "slug": "semey-cybersecurity-seminar",
        "days_ago": 3,
        "title": {"kk": "Семейде киберқауіпсіздік бойынша семинар өтті", "ru": "", "en": ""},
        "summary": {
            "kk": "Семинарға Абай облысының 30-дан астам компаниясы қатысты.",
            "ru": "",
            "en": "",
        },
        "body": {
            "kk": "Семейде шағын бизнеске арналған киберқауіпсіздік семинары өтті. Қатысушылар фишингтен "
            "қорғану және сақтық көшірме жасау тәжірибесімен бөлісті.",
            "ru": "",
            "en": "",
        },
    },
]

ONLINE = "https://events.digitalkazakhstan.org/"

# slug, days from today (negative: past), start hour, hours long, capacity, language, venue, online, texts
EVENTS = [
    {
        "slug": "ai-working-group-meeting",
        "days": 12,
        "hour": 10,
        "hours": 3,
        "capacity": 25,
        "language": "kk-ru",
        "venue": {
            "kk": "Астана, Қонаев көшесі, 12/1, қауымдастық кеңсесі",
            "ru": "Астана, ул. Кунаева, 12/1, офис ассоциации",
            "en": "Astana, Kunaev str. 12/1, the association's office",
        },
        "online": ONLINE + "ai-working-group",
        "group": "artificial-intelligence",
        "title": {
            "kk": "Жасанды интеллект жұмыс тобының отырысы",
            "ru": "Заседание рабочей группы по искусственному интеллекту",
            "en": "Meeting of the working group on artificial intelligence",
        },
        "summary": {
            "kk": "Заң жобасына ұсыныстарды талқылау.",
            "ru": "Обсуждение предложений к законопроекту.",
            "en": "Discussing the proposals for the draft law.",
        },
        "body": {
            "kk": "- 10:00 — ашылуы\n- 10:15 — заң жобасына ұсыныстар\n- 12:00 — деректерге қолжетімділік\n"
            "- 12:45 — қорытынды",
            "ru": "- 10:00 — открытие\n- 10:15 — предложения к законопроекту\n- 12:00 — доступ к данным\n"
            "- 12:45 — итоги",
            "en": "- 10:00 — opening\n- 10:15 — proposals for the draft law\n- 12:00 — access to data\n"
            "- 12:45 — conclusions",
        },
    },
    {
        "slug": "accreditation-webinar",
        "days": 26,
        "hour": 15,
        "hours": 1.5,
        "capacity": None,
        "language": "ru",
        "venue": {"kk": "", "ru": "", "en": ""},
        "online": ONLINE + "accreditation-webinar",
        "group": None,
        "title": {
            "kk": "Вебинар: аккредиттеуге өтінім қалай беріледі",
            "ru": "Вебинар: как подать заявку на аккредитацию",
            "en": "",
        },
        "summary": {
            "kk": "Өтінім беру тәртібі, құжаттар және жарналар туралы. Вебинар орыс тілінде өтеді.",
            "ru": "О порядке подачи заявки, документах и взносах, с ответами на вопросы.",
            "en": "",
        },
        "body": {"kk": "", "ru": "", "en": ""},
    },
    {
        "slug": "breakfast-with-the-board",
        "days": 40,
        "hour": 9,
        "hours": 1.5,
        "capacity": 3,
        "language": "ru",
        "venue": {
            "kk": "Алматы, Абай даңғылы, 52",
            "ru": "Алматы, проспект Абая, 52",
            "en": "Almaty, Abai avenue 52",
        },
        "online": "",
        "group": None,
        "title": {
            "kk": "Басқармамен таңғы ас",
            "ru": "Завтрак с правлением",
            "en": "Breakfast with the board",
        },
        "summary": {
            "kk": "Алматы мүшелерімен шағын кездесу.",
            "ru": "Небольшая встреча с членами ассоциации из Алматы.",
            "en": "A small meeting with members from Almaty.",
        },
        "body": {"kk": "", "ru": "", "en": ""},
    },
    {
        "slug": "semey-cybersecurity-seminar",
        "days": -3,
        "hour": 10,
        "hours": 4,
        "capacity": 40,
        "language": "kk",
        "venue": {
            "kk": "Семей, Шәкәрім даңғылы, 8, IT-хаб",
            "ru": "Семей, проспект Шакарима, 8, IT-хаб",
            "en": "Semey, Shakarim avenue 8, IT hub",
        },
        "online": "",
        "group": "cybersecurity",
        "title": {
            "kk": "Шағын бизнеске арналған киберқауіпсіздік семинары",
            "ru": "Семинар по кибербезопасности для малого бизнеса",
            "en": "Cybersecurity seminar for small businesses",
        },
        "summary": {"kk": "", "ru": "", "en": ""},
        "body": {"kk": "", "ru": "", "en": ""},
    },
    {
        "slug": "general-meeting-2025",
        "days": -75,
        "hour": 11,
        "hours": 3,
        "capacity": 120,
        "language": "kk-ru",
        "venue": {
            "kk": "Астана, «Думан» қонақүйі, конференц-зал",
            "ru": "Астана, гостиница «Думан», конференц-зал",
            "en": "Astana, Duman hotel, conference hall",
        },
        "online": "",
        "group": None,
        "title": {
            "kk": "Мүшелердің жыл сайынғы жалпы жиналысы",
            "ru": "Ежегодное общее собрание членов ассоциации",
            "en": "Annual general meeting of members",
        },
        "summary": {"kk": "", "ru": "", "en": ""},
        "body": {"kk": "", "ru": "", "en": ""},
    },
]

# name, email, company, language: the people who register for the demo events
ATTENDEES = [
    ("Айгерім Сәрсенова", "aigerim.sarsenova@example.kz", "Дала Бұлт ЖШС", "kk"),
    ("Сергей Иванов", "s.ivanov@example.kz", "Irtysh Networks LLP", "ru"),
    ("Асель Нурланова", "asel.n@example.kz", "Altyn Systems LLP", "ru"),
    ("Dana Utegenova", "dana@aqtau-data.kz", "Aqtau Maritime Data LLP", "en"),
    ("Нұрлан Бекұлы", "nurlan.bekuly@example.kz", "Тұлпар Желілері ЖШС", "kk"),
    ("Елена Ким", "elena.kim@example.kz", "", "ru"),
]
