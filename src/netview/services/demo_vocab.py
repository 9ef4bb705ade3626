"""Words the demo network is made of: names in many scripts, companies, titles, phrases.

Everything here is invented or a common given/family name; no real person or company is meant.
Name pools are widened by combining stems and endings (Blackwell, Lindqvist, 晓明/Xiaoming) so
that a list of thousands of connections has few namesakes, as real lists do.
"""

from __future__ import annotations

from dataclasses import dataclass

Pair = tuple[str, str]  # (as written, romanised); the same for Latin scripts


@dataclass(frozen=True, slots=True)
class Culture:
    """Name pools of one naming tradition.

    `native_share` is how often members of this culture write their name in its own script
    rather than in Latin letters; `raw_slug` how often their profile slug keeps non-ASCII
    letters (LinkedIn percent-encodes those in Connections.csv).
    """

    label: str
    weight: float
    female: tuple[Pair, ...]
    male: tuple[Pair, ...]
    family: tuple[Pair, ...]
    cities: tuple[str, ...]
    native_share: float = 1.0
    raw_slug: float = 0.6


def _same(words: str) -> tuple[Pair, ...]:
    return tuple((w.strip(), w.strip()) for w in words.split(",") if w.strip())


def _pairs(text: str) -> tuple[Pair, ...]:
    out = []
    for item in text.split(","):
        native, latin = item.strip().split("/")
        out.append((native, latin))
    return tuple(out)


def _joined(stems: str, endings: str) -> tuple[Pair, ...]:
    """Every stem with every ending: "Black" + "well" -> Blackwell."""
    return tuple((s + e, s + e) for s in _words(stems) for e in _words(endings))


def _syllables(first: tuple[Pair, ...], second: tuple[Pair, ...]) -> tuple[Pair, ...]:
    """Two-part given names: 晓 + 明 -> 晓明 / Xiaoming."""
    return tuple((a[0] + b[0], a[1] + b[1].lower()) for a in first for b in second if a[1] != b[1])


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.split(",") if w.strip()]


def _patronyms(names: tuple[Pair, ...], ending: str) -> tuple[Pair, ...]:
    return tuple((n[0] + ending, n[0] + ending) for n in names)


_EN_F = _same(
    "Emily,Olivia,Sarah,Jessica,Laura,Rachel,Hannah,Grace,Natalie,Megan,Charlotte,Amy,Lucy,"
    "Chloe,Katie,Rebecca,Victoria,Abigail,Isabel,Holly,Jennifer,Ashley,Lauren,Madison,Erin,"
    "Samantha,Claire,Fiona,Heather,Molly,Alice,Zoe,Ruth,Joanne,Kimberly"
)
_EN_M = _same(
    "James,Michael,David,Daniel,Chris,Tom,Ben,Sam,Ryan,Alex,Matthew,Oliver,Jack,Harry,George,"
    "Joshua,Andrew,Luke,Adam,Nathan,Peter,Mark,Richard,Stephen,Paul,Kevin,Brian,Jason,Eric,"
    "Patrick,Robert,William,Edward,Henry,Tyler"
)
_EN_L = _same(
    "Smith,Johnson,Brown,Taylor,Wilson,Clarke,Walker,Wright,Green,Baker,Hughes,Edwards,Turner,"
    "Hill,Scott,Morris,Cooper,Ward,Young,Bennett,Price,Palmer,Campbell,Mitchell,Roberts,Carter,"
    "Phillips,Evans,Collins,Stewart,Murphy,Cook,Rogers,Morgan,Bell,Bailey,Kelly,Howard,Fisher"
) + _joined(
    "Ash,Black,Brad,Brook,Craw,Dun,Fair,Hal,Hart,Kings,Lang,Mid,Nor,Red,Shel,Stan,Stock,"
    "Thorn,Wake,Whit,Win,Hol,Cran,Hather,Ox,Bur,Ash",
    "ford,well,ton,ley,wood,field,by,worth,more,ridge,stone,brook,dale,wick",
)
_DE_F = _same(
    "Lena,Anna,Sophie,Katrin,Leonie,Annika,Jana,Miriam,Johanna,Franziska,Carolin,Svenja,Anke,"
    "Ulrike,Birgit,Mareike,Anna-Lena,Luisa,Clara,Hanna,Theresa,Nele,Greta"
)
_DE_M = _same(
    "Jürgen,Jörg,Lukas,Maximilian,Felix,Matthias,Jonas,Tobias,Sebastian,Björn,Florian,Moritz,"
    "Niklas,Stefan,Uwe,Dirk,Ralf,Jan-Hendrik,Till,Malte,Benedikt,Henning,Günter"
)
_DE_L = _same(
    "Müller,Schmidt,Schröder,Weiß,Groß,Köhler,Fischer,Becker,Hoffmann,Schäfer,Wagner,Krüger,"
    "Böhm,Vogel,Lehmann,Schulz,Zimmermann,Braun,Hartmann,Lange,Werner,Krause,Jäger,Förster"
) + _joined(
    "Schwarz,Wein,Stein,Rosen,Lind,Eich,Hoch,Kirch,Brand,Falken,Gold,Grün,Hof,Kalt,Lang,Neu,"
    "Stern,Sonnen,Wald,Mühl,Fried,Hirsch,Stroh,Adler",
    "berg,mann,feld,bach,hauser,hofer,thal,meier,brunner,huber,wald",
)
_NO_F = _same(
    "Åsa,Ingrid,Sigrid,Frida,Maja,Astrid,Linnéa,Kirsten,Elin,Ebba,Saga,Tuva,Ida,Malin,Hanne,"
    "Sanna,Liv,Karin,Mette,Signe"
)
_NO_M = _same(
    "Søren,Bjørn,Lars,Mikael,Henrik,Jens,Oskar,Mads,Anders,Erik,Nils,Magnus,Fredrik,Johan,"
    "Rasmus,Emil,Jesper,Kasper,Torbjørn,Håkon"
)
_NO_L = (
    _same("Andersen,Johansson,Nyström,Lindqvist,Ødegaard,Håkansson,Nielsen,Sørensen,Åberg")
    + _patronyms(_NO_M[:14], "sson")
    + _patronyms(_NO_M[:14], "sen")
    + _joined(
        "Lind,Berg,Ny,Sjö,Holm,Dahl,Eng,Sand,Ek,Björk,Lund,Ås,Fors,Hag,Skog,Fjell,Vik,Wall,Sol",
        "qvist,ström,berg,gren,lund,holm,man,dahl,by,gaard,heim,stad",
    )
)
_FR_F = _same(
    "Chloé,Élodie,Hélène,Camille,Léa,Océane,Margaux,Amélie,Inès,Juliette,Manon,Pauline,"
    "Céline,Aurélie,Sandrine,Émilie,Mathilde,Zoé,Anaïs,Marie-Claire"
)
_FR_M = _same(
    "François,Jérôme,Mathieu,Théo,Benoît,Julien,Antoine,Noël,Rémi,Guillaume,Nicolas,Loïc,"
    "Sébastien,Hugo,Clément,Étienne,Jean-Pierre,Maxime,Grégoire,Baptiste"
)
_FR_L = _same(
    "Dubois,Lefèvre,Moreau,Girard,Fontaine,Rousseau,Bérenger,Mercier,Lemaître,Gauthier,"
    "Chevalier,Leroy,Bonnet,Dupont,Lambert,Faure,André,Blanc,Guérin,Boyer,Garnier,Roussel,"
    "Lucas,Perrin,Morel,Fournier,Giraud,Brun,Masson,Denis,Marchand,Picard,Caron,Noël,Renaud,"
    "Lacroix,Barbier,Arnaud,Martinez,Leclerc,Duval,Dumont,Deschamps,Benoît,Hébert,Vidal,Royer,"
    "Carpentier,Dufour,Bourgeois,Marchal,Pelletier,Bertrand,Colin,Aubert,Rivière,Huet,Lemoine"
)
_ES_F = _same(
    "María,Sofía,Lucía,Mónica,Inês,Valentina,Camila,Ana,Beatriz,Carmen,Elena,Paula,Marta,"
    "Isabel,Laura,Natália,Gabriela,Renata,Ximena,Catalina,Mariana,Daniela"
)
_ES_M = _same(
    "José,Andrés,Joaquín,Raúl,João,Gonçalo,Tomás,Diego,Martín,Javier,Alejandro,Pablo,Sergio,"
    "Álvaro,Rui,Tiago,Rafael,Mateo,Santiago,Nicolás,Fernando,Iñaki"
)
_ES_SINGLE = _same(
    "García,Fernández,López,Martínez,Hernández,González,Rodríguez,Muñoz,Peña,Gonçalves,"
    "Simões,Araújo,Sánchez,Ibáñez,Pérez,Gómez,Díaz,Ruiz,Álvarez,Romero,Navarro,Torres,Ramírez,"
    "Silva,Santos,Oliveira,Costa,Pereira,Ferreira,Almeida,Ribeiro,Castro,Ortega,Delgado,Vargas"
)
# Spanish and Portuguese speakers often carry both family names.
_ES_L = _ES_SINGLE + tuple(
    (f"{a[0]} {b[0]}", f"{a[1]} {b[1]}")
    for a in _ES_SINGLE[:24]
    for b in _ES_SINGLE[6:30]
    if a != b
)
_CE_F = _same(
    "Kateřina,Zofia,Małgorzata,Agnieszka,Zsófia,Réka,Tereza,Barbora,Lucie,Aleksandra,"
    "Magdalena,Joanna,Katarzyna,Eszter,Anikó,Petra,Veronika,Marta,Dorota,Judit"
)
_CE_M = _same(
    "Tomáš,Jiří,Łukasz,Paweł,Miloš,Bálint,Ondřej,Piotr,Krzysztof,Michał,Jakub,Marek,Petr,"
    "Zoltán,Gábor,László,Bartosz,Wojciech,Radek,Dávid"
)
_CE_L = _same(
    "Novák,Dvořák,Kowalski,Nowak,Wójcik,Horváth,Szabó,Kovács,Procházka,Černý,Zieliński,"
    "Svoboda,Novotný,Veselý,Krejčí,Marek,Pokorný,Růžička,Beneš,Fiala,Sedláček,Doležal,"
    "Zeman,Kolář,Navrátil,Čermák,Urban,Vaněk,Blažek,Kříž,Kowalczyk,Kamiński,Lewandowski,"
    "Dąbrowski,Kozłowski,Jankowski,Mazur,Krawczyk,Piotrowski,Grabowski,Pawłowski,Michalski,"
    "Król,Wieczorek,Jabłoński,Nagy,Tóth,Kiss,Molnár,Varga,Farkas,Balogh,Papp,Takács,Juhász,"
    "Lakatos,Mészáros,Oláh,Simon,Rácz,Fekete,Szilágyi,Török,Fehér,Balázs,Gál,Kis,Szűcs"
)
_TR_F = _same("Ayşe,Özge,Çağla,Şule,Elif,Zeynep,Merve,Büşra,Gizem,Ebru,Derya,Sevgi,İrem,Tuğba")
_TR_M = _same("Mehmet,Emre,Gökhan,İbrahim,Burak,Can,Oğuz,Murat,Serkan,Hakan,Kaan,Barış,Onur")
_TR_L = _same(
    "Yılmaz,Öztürk,Şahin,Çelik,Doğan,Aydın,Kılıç,Arslan,Koç,Güneş,Kaya,Demir,Yıldız,Yıldırım,"
    "Özdemir,Aslan,Çetin,Kara,Kurt,Özkan,Şimşek,Polat,Erdoğan,Ünal,Korkmaz,Aksoy,Tekin,"
    "Karaca,Bulut,Güler,Acar,Turan,Işık,Uçar,Bozkurt,Ateş,Sarı,Avcı,Erdem,Keskin"
)
_IE_F = _same("Siobhán,Aoife,Niamh,Órla,Caoimhe,Sinéad,Saoirse,Clodagh,Róisín,Gráinne,Éabha")
_IE_M = _same("Seán,Ciarán,Pádraig,Eoin,Darragh,Cian,Oisín,Diarmuid,Tadhg,Ruairí,Colm")
_IE_L = _same(
    "Ó Súilleabháin,O'Connor,Ó Briain,MacCárthaigh,Byrne,O'Sullivan,Kavanagh,Ní Bhriain,"
    "O'Brien,Ó Néill,Mac Giolla,Ní Dhomhnaill,Fitzgerald,Ó Ceallaigh,Doyle,McCarthy,Gallagher,"
    "Ó Dónaill,Nic Aodha,Brennan,Quinn,Ó Murchú,Ní Mhurchú,Mac Lochlainn,Whelan,Ó Conaill"
)
_CY_F = _pairs(
    "Ольга/Olga,Екатерина/Ekaterina,Анна/Anna,Наталья/Natalia,Мария/Maria,Олена/Olena,"
    "Юлія/Yulia,Ірина/Iryna,Тетяна/Tetiana,Оксана/Oksana,Светлана/Svetlana,Дарья/Daria,"
    "Ксения/Kseniia,Анастасія/Anastasiia,Вікторія/Viktoriia,Алина/Alina"
)
_CY_M = _pairs(
    "Иван/Ivan,Дмитрий/Dmitry,Алексей/Alexey,Сергей/Sergey,Андрій/Andriy,Тарас/Taras,"
    "Богдан/Bohdan,Олександр/Oleksandr,Михайло/Mykhailo,Никита/Nikita,Павло/Pavlo,"
    "Артем/Artem,Владимир/Vladimir,Максим/Maksym,Юрій/Yurii,Денис/Denys"
)
_CY_L = tuple(
    (a[0] + b[0], a[1] + b[1])
    for a in _pairs(
        "Петр/Petr,Шевч/Shevch,Ковал/Koval,Бондар/Bondar,Ткач/Tkach,Кравч/Kravch,Лис/Lys,"
        "Гонч/Honch,Мороз/Moroz,Савч/Savch,Марч/March,Руд/Rud,Кузьм/Kuzm,Павл/Pavl,Білик/Bilyk,"
        "Левч/Levch,Мельнич/Melnych,Захарч/Zakharch,Литвин/Lytvyn,Остап/Ostap"
    )
    for b in _pairs("енко/enko,ук/uk,ишин/yshyn")
) + _pairs("Мельник/Melnyk,Ким/Kim,Гончар/Honchar,Сидоренко/Sydorenko,Коваль/Koval")
_AR_F = _pairs(
    "فاطمة/Fatima,ليلى/Layla,نور/Nour,مريم/Mariam,سارة/Sara,هدى/Huda,ياسمين/Yasmin,"
    "رنا/Rana,دينا/Dina,سلمى/Salma,آية/Aya,لينا/Lina,ريم/Reem,هالة/Hala,جميلة/Jamila"
)
_AR_M = _pairs(
    "محمد/Mohammed,أحمد/Ahmed,عمر/Omar,يوسف/Youssef,خالد/Khaled,كريم/Karim,طارق/Tarek,"
    "علي/Ali,حسن/Hassan,سامي/Sami,رامي/Rami,زياد/Ziad,فادي/Fadi,مازن/Mazen,بلال/Bilal"
)
_AR_L = _pairs(
    "العلي/Al-Ali,حداد/Haddad,الحسن/Al-Hassan,منصور/Mansour,خوري/Khoury,السيد/El-Sayed,"
    "عبدالله/Abdullah,ناصر/Nasser,سليمان/Suleiman,حمدان/Hamdan,الشامي/Al-Shami,عيسى/Issa,"
    "فرح/Farah,صالح/Saleh,الخطيب/Al-Khatib,نجار/Najjar,عثمان/Othman,جابر/Jaber,قاسم/Kassem,"
    "الزين/El-Zein,بكر/Bakr,حلبي/Halabi,المصري/Al-Masri,يونس/Younes,مراد/Mourad,شاهين/Shaheen,"
    "عواد/Awad,الأحمد/Al-Ahmad,درويش/Darwish,الراشد/Al-Rashid,سعيد/Said,بدوي/Badawi"
)
_ZH_PARTS = _pairs(
    "伟/Wei,芳/Fang,明/Ming,华/Hua,丽/Li,强/Qiang,军/Jun,静/Jing,敏/Min,婷/Ting,洋/Yang,"
    "杰/Jie,磊/Lei,涛/Tao,霞/Xia,平/Ping,辉/Hui,鹏/Peng,燕/Yan,玲/Ling,晨/Chen,宇/Yu,"
    "欣/Xin,嘉/Jia,思/Si,子/Zi,文/Wen,浩/Hao,晓/Xiao,雪/Xue,梓/Zi,博/Bo"
)
_ZH_GIVEN = _ZH_PARTS + _syllables(_ZH_PARTS, _ZH_PARTS)
_ZH_L = _pairs(
    "王/Wang,李/Li,张/Zhang,刘/Liu,陈/Chen,杨/Yang,黄/Huang,赵/Zhao,周/Zhou,吴/Wu,徐/Xu,孙/Sun,"
    "马/Ma,朱/Zhu,胡/Hu,郭/Guo,何/He,林/Lin,罗/Luo,高/Gao,郑/Zheng,梁/Liang,谢/Xie,宋/Song,"
    "唐/Tang,许/Xu,邓/Deng,韩/Han,冯/Feng,曹/Cao"
)
_KO_PARTS = _pairs(
    "민/Min,준/Jun,서/Seo,연/Yeon,지/Ji,훈/Hoon,현/Hyun,우/Woo,수/Su,빈/Bin,도/Do,윤/Yoon,"
    "하/Ha,은/Eun,예/Ye,진/Jin,성/Sung,영/Young,재/Jae,혜/Hye,태/Tae,경/Kyung"
)
_KO_GIVEN = _syllables(_KO_PARTS, _KO_PARTS)
_KO_L = _pairs(
    "김/Kim,이/Lee,박/Park,최/Choi,정/Jung,강/Kang,조/Cho,윤/Yoon,장/Jang,임/Lim,한/Han,오/Oh,"
    "서/Seo,신/Shin,권/Kwon,황/Hwang,안/Ahn,송/Song,홍/Hong,류/Ryu"
)
_JA_F = _pairs(
    "裕子/Yuko,美咲/Misaki,直美/Naomi,さくら/Sakura,由美/Yumi,愛/Ai,陽子/Yoko,恵/Megumi,"
    "真由美/Mayumi,明美/Akemi,彩/Aya,結衣/Yui,葵/Aoi,千尋/Chihiro,奈々/Nana,香織/Kaori,"
    "麻衣/Mai,舞/Mai,亜希子/Akiko,智子/Tomoko"
)
_JA_M = _pairs(
    "健太/Kenta,翔/Sho,大輔/Daisuke,拓也/Takuya,健二/Kenji,悠真/Yuma,誠/Makoto,浩二/Koji,"
    "隆/Takashi,亮/Ryo,大樹/Daiki,直樹/Naoki,和也/Kazuya,智也/Tomoya,雄太/Yuta,蓮/Ren,"
    "陸/Riku,悠斗/Yuto,聡/Satoshi,秀樹/Hideki"
)
_JA_L = _pairs(
    "佐藤/Sato,鈴木/Suzuki,高橋/Takahashi,田中/Tanaka,渡辺/Watanabe,伊藤/Ito,山本/Yamamoto,"
    "中村/Nakamura,小林/Kobayashi,加藤/Kato,吉田/Yoshida,山田/Yamada,佐々木/Sasaki,"
    "山口/Yamaguchi,松本/Matsumoto,井上/Inoue,木村/Kimura,林/Hayashi,斎藤/Saito,清水/Shimizu,"
    "山崎/Yamazaki,森/Mori,池田/Ikeda,橋本/Hashimoto,阿部/Abe,石川/Ishikawa,前田/Maeda,"
    "藤田/Fujita,岡田/Okada,後藤/Goto,長谷川/Hasegawa,村上/Murakami,近藤/Kondo,石井/Ishii"
)
_VI_GIVEN_F = _same(
    "Thảo,Hương,Quỳnh,Phương,Trang,Linh,Ngọc,Hà,Mai,Lan,Vy,Nhung,Yến,Hằng,Thủy,Anh,Châu,Diệp"
)
_VI_GIVEN_M = _same(
    "Đức,Minh,Tuấn,Hải,Dũng,Khánh,Quang,Hùng,Long,Nam,Phúc,Thắng,Sơn,Trung,Việt,Bảo,Hoàng,Huy"
)
# Vietnamese first names usually carry a middle name: Thị Thảo, Văn Đức.
_VI_F = (
    tuple(
        (f"{m} {g[0]}", f"{m} {g[0]}")
        for m in _words("Thị,Ngọc,Thu,Minh,Thanh,Bảo")
        for g in _VI_GIVEN_F
    )
    + _VI_GIVEN_F
)
_VI_M = (
    tuple(
        (f"{m} {g[0]}", f"{m} {g[0]}")
        for m in _words("Văn,Đức,Minh,Quốc,Hữu,Thành")
        for g in _VI_GIVEN_M
    )
    + _VI_GIVEN_M
)
_VI_L = _same(
    "Nguyễn,Trần,Lê,Phạm,Hoàng,Huỳnh,Phan,Vũ,Võ,Đặng,Bùi,Đỗ,Hồ,Ngô,Dương,Lý,Đinh,Trương,Lâm,Mai"
)
_IN_F = _same(
    "Priya,Ananya,Divya,Sneha,Kavya,Aishwarya,Meera,Pooja,Neha,Shreya,Anjali,Ritu,Swati,"
    "Lakshmi,Deepika,Nisha,Aarti,Ishita,Tanvi,Sanjana,Radhika,Bhavna,Harini,Keerthana"
)
_IN_M = _same(
    "Rahul,Arjun,Vikram,Rohan,Aditya,Karthik,Siddharth,Amit,Rajesh,Suresh,Vivek,Ankit,Nikhil,"
    "Pranav,Abhishek,Manish,Gaurav,Harsh,Varun,Akash,Deepak,Sandeep,Vijay,Srinivas"
)
_IN_L = _same(
    "Sharma,Patel,Iyer,Reddy,Gupta,Nair,Singh,Kumar,Mehta,Banerjee,Krishnan,Rao,Joshi,Desai,"
    "Chatterjee,Mukherjee,Agarwal,Verma,Pillai,Menon,Shah,Bhat,Kulkarni,Chopra,Malhotra,"
    "Kapoor,Saxena,Srivastava,Pandey,Mishra,Das,Bose,Ghosh,Naidu,Subramanian,Venkatesh,"
    "Raghavan,Hegde,Shetty,Jain,Sinha,Tiwari,Chauhan,Thakur,Bhattacharya,Ramesh,Gopal,Prasad"
)
_AF_F = _same(
    "Ngozi,Amara,Abena,Wanjiru,Zanele,Chiamaka,Thandiwe,Adaeze,Folake,Nkechi,Akosua,Ama,"
    "Njeri,Achieng,Lindiwe,Nomvula,Funmilayo,Yetunde,Imani,Zawadi"
)
_AF_M = _same(
    "Chinedu,Emeka,Kwame,Oluwaseun,Tendai,Kofi,Tunde,Ikechukwu,Babajide,Kwabena,Yaw,Kipchoge,"
    "Otieno,Sipho,Themba,Musa,Segun,Obinna,Jabari,Baraka"
)
_AF_L = _same(
    "Okafor,Adeyemi,Mensah,Okonkwo,Kamau,Otieno,Nwosu,Boateng,Dlamini,Abubakar,Adebayo,"
    "Eze,Okoro,Oyelaran,Asante,Owusu,Appiah,Mwangi,Njoroge,Wanjala,Ndlovu,Nkosi,Khumalo,"
    "Mokoena,Balogun,Ogunleye,Uchenna,Chukwu,Onyango,Achebe,Danjuma,Bello,Ibrahim,Adewale,"
    "Oduya,Mutua,Kariuki,Ochieng,Sithole,Zulu,Mahlangu,Osei,Darko,Addo,Agyeman,Nyarko"
)

CULTURES: tuple[Culture, ...] = (
    Culture(
        "english",
        20,
        _EN_F,
        _EN_M,
        _EN_L,
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
        _DE_F,
        _DE_M,
        _DE_L,
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
        _NO_F,
        _NO_M,
        _NO_L,
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
        _FR_F,
        _FR_M,
        _FR_L,
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
        _ES_F,
        _ES_M,
        _ES_L,
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
        _CE_F,
        _CE_M,
        _CE_L,
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
        _TR_F,
        _TR_M,
        _TR_L,
        (
            "İstanbul, Türkiye",
            "Ankara, Türkiye",
            "İzmir, Türkiye",
        ),
    ),
    Culture(
        "irish",
        3,
        _IE_F,
        _IE_M,
        _IE_L,
        (
            "Dublin, County Dublin, Ireland",
            "Cork, County Cork, Ireland",
        ),
    ),
    Culture(
        "cyrillic",
        6,
        _CY_F,
        _CY_M,
        _CY_L,
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
        _AR_F,
        _AR_M,
        _AR_L,
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
        _ZH_GIVEN,
        _ZH_GIVEN,
        _ZH_L,
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
        _JA_F,
        _JA_M,
        _JA_L,
        (
            "Tokyo, Japan",
            "Osaka, Japan",
            "Yokohama, Kanagawa, Japan",
        ),
        native_share=0.5,
        raw_slug=0.2,
    ),
    Culture(
        "korean",
        3,
        _KO_GIVEN,
        _KO_GIVEN,
        _KO_L,
        (
            "Seoul, South Korea",
            "Busan, South Korea",
        ),
        native_share=0.45,
        raw_slug=0.2,
    ),
    Culture(
        "vietnamese",
        4,
        _VI_F,
        _VI_M,
        _VI_L,
        (
            "Hà Nội, Việt Nam",
            "Ho Chi Minh City, Vietnam",
            "Đà Nẵng, Việt Nam",
        ),
        raw_slug=0.35,
    ),
    Culture(
        "indian",
        7,
        _IN_F,
        _IN_M,
        _IN_L,
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
        _AF_F,
        _AF_M,
        _AF_L,
        (
            "Lagos, Nigeria",
            "Nairobi, Kenya",
            "Accra, Greater Accra Region, Ghana",
            "Cape Town, Western Cape, South Africa",
        ),
    ),
)

# Some members carry a family name from another tradition (marriage, migration).
MIXED_FAMILY_SHARE = 0.1
MIDDLE_INITIAL_SHARE = 0.06  # "James R." in the first-name field

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
