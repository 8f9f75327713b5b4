"""The Latvian translation of the demo's ideas (``demo.ideas``): the same proposals, facts and
numbers, in Latvian. Kept apart from the English originals because it is text only.
"""

TAGS = {
    "apprenticeship": "darba vidē balstītas mācības",
    "competence centre": "kompetenču centrs",
    "cooperation": "sadarbība",
    "e-portfolio": "e-portfelis",
    "electronics": "elektronika",
    "employers": "darba devēji",
    "english": "angļu valoda",
    "hospitality": "viesmīlība",
    "ict": "IKT",
    "intercultural": "starpkultūru dialogs",
    "labour market": "darba tirgus",
    "metalworking": "metālapstrāde",
    "mobility": "mobilitāte",
    "project management": "projektu vadība",
    "quality": "kvalitāte",
    "self-assessment": "pašnovērtējums",
    "teacher training": "pedagogu tālākizglītība",
    "teaching methods": "mācību metodes",
}

IDEAS = {
    "metalworking-teacher-exchange-florence": {
        "title": "Metālapstrādes skolotāju apmaiņa ar Florences tehnisko skolu",
        "summary": (
            "Divu nedēļu stažēšanās sešiem mūsu metālapstrādes un mehānikas skolotājiem "
            "Florences tehniskajā skolā, kuru apmeklējām, un divu itāļu skolotāju atbildes vizīte "
            "Daugavpilī, lai abās skolās CNC apstrādi un CAD/CAM mācītu tā, kā uzņēmumi strādā "
            "šodien."
        ),
        "need": (
            "Florencē redzējām, kā otrā kursa audzēkņi programmē CNC darbgaldus pēc pašu "
            "veidotiem CAD rasējumiem un nodod detaļas īstam klientam. Mūsu metālapstrādes "
            "programmā rasēšana un apstrāde joprojām ir atsevišķi mācību priekšmeti, bet "
            "Daugavpils darba devēji saka, ka viņiem vajag abus kopā. Mūsu skolotājiem tas "
            "jāredz un jāizmēģina strādājošā skolā, pirms jaunais kompetenču centrs atver savas "
            "darbnīcas."
        ),
        "target_group": "Daugavpils kompetenču centra metālapstrādes un mehānikas skolotāji",
        "activities": (
            "<ol><li>Sagatavošanās: angļu valoda darbnīcai un ar itāļu skolu saskaņots tēmu "
            "saraksts.</li>"
            "<li>Divas grupas pa trim skolotājiem, katra divas nedēļas, māca kopā ar itāļu "
            "kolēģiem.</li>"
            "<li>Kopīgu nodarbību nedēļa Daugavpilī ar diviem itāļu skolotājiem.</li>"
            "<li>Jauni CAD/CAM nodarbību plāni, kas Mobilitas vietnē pieejami reģiona "
            "skolām.</li></ol>"
        ),
    },
    "quality-self-assessment-tool": {
        "title": "Kvalitātes pašnovērtējuma rīks jaunajam kompetenču centram",
        "summary": (
            "Kompetenču centra ikgadējs pašnovērtējums, kas izstrādāts kopā ar itāļu mācību "
            "centru un trešo partneri: īsa anketa skolotājiem, audzēkņiem un darba devējiem, "
            "vērtēšanas vadlīnijas un tiešsaistes kopsavilkums, pēc kura vadība var rīkoties."
        ),
        "need": (
            "Florences centri, kurus apmeklējām, katru gadu novērtē sevi pēc dažiem skaidriem "
            "rādītājiem, un mērķus palīdz noteikt darba devēji. Mūsu skola apvienojas ar "
            "Daugavpils 1. arodvidusskolu reģionālā kompetenču centrā, un tai vēl nav kopīga "
            "veida, kā redzēt, kas darbojas un kas ne. Akreditācija reizi sešos gados ir pārāk "
            "reta, lai pēc tās vadītu skolu."
        ),
        "target_group": (
            "Profesionālās izglītības kompetenču centru vadība, metodiķi un skolotāji; darba "
            "devēji to padomēs"
        ),
        "activities": (
            "<ul><li>Salīdzināt partneru kvalitātes sistēmas ar EQAVET rādītājiem.</li>"
            "<li>Kopā uzrakstīt anketu un vērtēšanas vadlīnijas un izmēģināt tās abās "
            "skolās.</li>"
            "<li>Izveidot vienkāršu rezultātu kopsavilkumu tiešsaistē.</li>"
            "<li>Apmācīt vadības komandas; publicēt rīku latviešu, itāļu un angļu "
            "valodā.</li></ul>"
        ),
    },
    "english-practice-circle": {
        "title": "Angļu valoda profesionālās izglītības skolotājiem: iknedēļas sarunu pulciņš",
        "summary": (
            "Stunda sarunvalodas angļu valodā katru nedēļu skolotājiem, kuri vēlas piedalīties "
            "starptautiskos projektos; to vada mūsu angļu valodas skolotāji, un dalībnieki īsi "
            "stāsta par saviem priekšmetiem un vizītēm."
        ),
        "need": (
            "Florencē mēs visi četri semināros sapratām teikto, bet diskusijās iesaistīties bija "
            "grūti. Daudzi kolēģi nekad nav pieteikušies mobilitātei savas angļu valodas dēļ. "
            "Pulciņš, kas tiekas katru nedēļu, maksā maz un ļauj turpināt praktizēties arī pēc "
            "vizītes."
        ),
        "target_group": "Skolas skolotāji un darbinieki ar A2–B1 līmeņa angļu valodu",
        "activities": (
            "<ul><li>Stundu garas tikšanās katru nedēļu no 2011. gada februāra līdz jūnijam.</li>"
            "<li>Katrs dalībnieks piecas minūtes stāsta par savu priekšmetu vai vizīti.</li>"
            "<li>Kopīgs vārdu saraksts darbnīcām un projektu sanāksmēm.</li>"
            "<li>Dalībnieki Mobilitas vietnē pieraksta savu angļu valodas praksi.</li></ul>"
        ),
    },
    "esf-active-teaching-methods": {
        "title": "Aktīvās mācību metodes visā kompetenču centrā (ESF)",
        "summary": (
            "Eiropas Sociālā fonda projekts, kurā kompetenču centra skolotāji apgūst projektos "
            "balstītu, ar darbu saistītu mācīšanu, pa pāriem hospitē un pārrunā nodarbības un "
            "izstrādā jaunus mācību materiālus piecām programmu jomām."
        ),
        "need": (
            "Florencē hospitētās nodarbības balstījās uz reāliem klientu pasūtījumiem, un "
            "audzēkņi savu darbu izskaidroja klientam. Reģiona stratēģijā paredzētais ESF mācību "
            "metožu projekts ir mūsu iespēja to ieviest katrā jaunā centra programmā "
            "(mašīnbūvē un metālapstrādē, mašīnzinībās, enerģētikā, elektronikā un automātikā, "
            "IKT), bet tikai tad, ja projekts būs gatavs, kad tiks izsludināts konkurss."
        ),
        "target_group": "Ap 120 kompetenču centra skolotāju no piecām programmu jomām",
        "activities": (
            "<ol><li>Trīs moduļu mācību kurss par projektos balstītu mācīšanos.</li>"
            "<li>Savstarpēja hospitēšana pa pāriem starp nodaļām ar vienotu novērošanas "
            "veidlapu.</li>"
            "<li>Jauni mācību materiāli piecām programmu jomām, izmēģināti ar audzēkņiem.</li>"
            "<li>Noslēguma konference Latgales profesionālās izglītības skolām.</li></ol>"
        ),
    },
    "labour-market-monitoring-employers": {
        "title": "Darba tirgus monitorings kopā ar Daugavpils darba devējiem",
        "summary": (
            "Divreiz gadā jautāt reģiona darba devējiem, kuru prasmju viņiem trūkst, salīdzināt "
            "atbildes ar to, ko māca mūsu programmas, un publicēt īsu ziņojumu, pēc kura "
            "kompetenču centrs atjauno savas programmas."
        ),
        "need": (
            "Itālijā darba devēji katru gadu pasaka skolām, kādas prasmes viņiem vajadzīgas, un "
            "skolas pielāgojas. Mēs atradām reālas atšķirības: tur CNC darbgaldu operatoram "
            "vajag CAD/CAM prasmes un divas valodas, te pietiek ar CNC programmēšanas pamatiem. "
            "Bez regulāras saziņas ar darba devējiem par šādām atšķirībām uzzinām gadiem par "
            "vēlu."
        ),
        "target_group": (
            "Latgales profesionālās izglītības skolu programmu vadītāji; mašīnbūves, enerģētikas "
            "un IKT darba devēji"
        ),
        "activities": (
            "<ul><li>Īsa anketa un intervijas ar 40 darba devējiem divreiz gadā.</li>"
            "<li>Tabula, kas salīdzina darba devēju vajadzības ar mūsu programmām, tāda pati kā "
            "Florencē.</li>"
            "<li>Ikgadēja apaļā galda diskusija ar darba devējiem un pilsētas domi.</li>"
            "<li>Publisks ziņojums Mobilitas vietnē.</li></ul>"
        ),
    },
    "job-shadowing-tourism-hospitality": {
        "title": "Darba ēnošana Florencē tūrisma un viesmīlības skolotājiem",
        "summary": (
            "Nedēļa darba ēnošanā Florences viesnīcās un viesmīlības skolā četriem Latgales "
            "tūrisma un ēdināšanas skolotājiem, lai redzētu, kā prakse tiek organizēta un "
            "vērtēta pilsētā, kas dzīvo no saviem viesiem."
        ),
        "need": (
            "Latgales ezeri un Daugavpils cietoksnis ik gadu piesaista vairāk viesu, bet "
            "vietējās viesnīcas saka, ka jaunajiem darbiniekiem trūkst praktisku apkalpošanas "
            "prasmju un valodu. Mūsu vizīte parādīja, cik cieši Florences skolas sadarbojas ar "
            "uzņēmumiem; tūrisma un ēdināšanas skolotāji ar mums nebija, un arī viņiem tas "
            "jāredz."
        ),
        "target_group": (
            "Latgales profesionālās izglītības skolu tūrisma, viesmīlības un ēdināšanas skolotāji"
        ),
        "activities": (
            "<ul><li>Trīs dienas darba ēnošanā divās viesnīcās un restorānā.</li>"
            "<li>Divas dienas viesmīlības skolā: prakses līgumi, vērtēšanas lapas, "
            "nodarbības.</li>"
            "<li>Latvijas darba devējiem pielāgota prakses vērtēšanas lapa.</li></ul>"
        ),
    },
    "e-portfolios-for-vet-learners": {
        "title": "E-portfeļi profesionālās izglītības audzēkņiem",
        "summary": (
            "Katrs audzēknis veido tiešsaistes portfeli ar saviem praktiskajiem darbiem "
            "(fotoattēliem, rasējumiem, darba devēju atsauksmēm), kas paliek viņa paša arī pēc "
            "skolas beigšanas un ko var parādīt darba intervijā; kopā ar partneru skolām Itālijā "
            "un Lietuvā."
        ),
        "need": (
            "Veidojot savus portfeļus Florencē, redzējām, cik daudz vieglāk ir atcerēties un "
            "parādīt, ko esi iemācījies. Mūsu audzēkņi aiziet ar apliecību, bet bez nekā, kas "
            "parādītu viņu īsto darbu, un darba devēji prasa tieši to."
        ),
        "target_group": "IKT, elektronikas un metālapstrādes audzēkņi un viņu skolotāji",
        "activities": (
            "<ul><li>Izvēlēties un ieviest atvērtā koda e-portfeļu sistēmu.</li>"
            "<li>Mācību gadu ilgs pilotprojekts ar četrām audzēkņu grupām trijās valstīs.</li>"
            "<li>Skolotāju rokasgrāmata portfeļa darbu vērtēšanai.</li></ul>"
        ),
    },
    "latgale-competence-centre-network": {
        "title": "Latgales profesionālās izglītības kompetenču centru tīkls",
        "summary": (
            "Savienot jaunos Latgales kompetenču centrus un profesionālās izglītības skolas, lai "
            "tās kopīgi izmantotu darbnīcas, skolotājus, prakses uzņēmumus un projektu pieredzi, "
            "nevis sacenstos par tiem pašiem audzēkņiem."
        ),
        "need": (
            "Reģionā vienlaikus top vairāki kompetenču centri. Toskānā redzējām, kā mācību "
            "centri visā provincē kopīgi izmanto iekārtas un speciālistus. Ja mūsu skolā "
            "projektus raksta tikai divi metodiķi, projektu zināšanu apmaiņa starp skolām "
            "palīdzētu visiem."
        ),
        "target_group": ("Latgales profesionālās izglītības skolu un centru direktori un metodiķi"),
        "activities": (
            "<ul><li>Sadarbības līgums un ikgadēja direktoru sanāksme.</li>"
            "<li>Kopīgs darbnīcu kalendārs, kas atvērts arī citu skolu audzēkņiem.</li>"
            "<li>Projektu rakstītāju komanda, kas palīdz cits cita pieteikumiem.</li></ul>"
        ),
    },
    "cad-cam-workshop": {
        "title": "CAD/CAM darbnīca metālapstrādes programmai",
        "summary": (
            "Aprīkot kompetenču centrā darbnīcu ar divpadsmit CAD darbstacijām un diviem CNC "
            "apstrādes centriem un papildināt metālapstrādes programmu ar CAD/CAM moduli."
        ),
        "need": (
            "Florencē veiktais darba tirgus salīdzinājums bija skaidrs: tur CNC darbgaldu "
            "operatoram vajag sertificētas CAD/CAM prasmes, bet mūsu audzēkņi apgūst CNC "
            "programmēšanas pamatus uz veciem darbgaldiem. ERAF līdzekļi kompetenču centra "
            "iekārtām ir īstais brīdis to mainīt."
        ),
        "target_group": (
            "Metālapstrādes un mehānikas audzēkņi (ap 150 gadā) un pieaugušie, kas vakara kursos "
            "apgūst jaunu profesiju"
        ),
        "activities": (
            "<ol><li>Kopā ar diviem vietējiem ražotājiem noteikt iekārtu prasības.</li>"
            "<li>Iegādāties un uzstādīt darbstacijas un darbgaldus.</li>"
            "<li>Apmācīt sešus skolotājus pie piegādātāja.</li>"
            "<li>Izstrādāt un akreditēt jauno CAD/CAM moduli.</li></ol>"
        ),
    },
    "work-based-learning-pilot": {
        "title": "Darba vidē balstītu mācību pilotprojekts pēc Itālijas pieredzes",
        "summary": (
            "Gadu ilgs darba vidē balstītu mācību pilotprojekts elektronikā un automātikā: "
            "audzēkņi divas dienas nedēļā pavada uzņēmumā pie skolas apmācīta mentora, un skola "
            "ar uzņēmumu vērtē pēc kopīga plāna, kā to redzējām Florences uzņēmumos."
        ),
        "need": (
            "Florencē mācekļi mācījās mašīnbūves uzņēmumā pie apmācīta mentora un atnesa uz "
            "skolu īstas problēmas. Latgalē prakses ir īsas un bieži maz saistītas ar to, ko "
            "māca skolā. Darba devēji ir gatavi, bet neviens viņiem nav parādījis, kā to darīt."
        ),
        "target_group": (
            "Elektronikas un automātikas otrā kursa audzēkņi un mentori piecos vietējos uzņēmumos"
        ),
        "activities": (
            "<ul><li>Līgumi ar pieciem uzņēmumiem un mentoru kurss to darbiniekiem.</li>"
            "<li>Starp skolu un uzņēmumu sadalīts mācību plāns, ko vērtē kopā.</li>"
            "<li>Mentoru pieredzes apmaiņas vizīte Florencē.</li>"
            "<li>Izvērtējums kopā ar darba devējiem un audzēkņiem pēc gada.</li></ul>"
        ),
    },
    "mechatronics-pathway": {
        "title": "Apvienota mehatronikas izglītības programma",
        "summary": (
            "Viena programma apkopes tehniķiem, kas apvieno mehāniku, elektroniku un "
            "automātiku, kā to sagaida Itālijas uzņēmumi."
        ),
        "need": (
            "Itālijā apkopes tehniķis pārzina elektroniku un automātiku kopā; pie mums tās ir "
            "atsevišķas kvalifikācijas. Pirms to ierosināt, es vēl apkopoju darba devēju "
            "viedokļus."
        ),
        "target_group": "Mehānikas, kā arī elektronikas un automātikas audzēkņi",
        "activities": (
            "<ul><li>Salīdzināt abu kvalifikāciju standartus.</li>"
            "<li>Pajautāt pieciem darba devējiem, ko viņu apkopes tehniķi dara visu dienu.</li>"
            "</ul>"
        ),
    },
    "italian-learners-week-daugavpils": {
        "title": "Nedēļa Daugavpilī itāļu audzēkņiem",
        "summary": (
            "Uzņemt itāļu profesionālās izglītības audzēkņu grupu uz nedēļu kopīgās darbnīcās ar "
            "mūsu audzēkņiem angļu valodā kā pirmo soli uz audzēkņu apmaiņu."
        ),
        "need": (
            "Mūsu skolotājiem tagad ir partneri Florencē, bet mūsu audzēkņi nekad nav strādājuši "
            "kopā ar citas valsts audzēkņiem."
        ),
        "target_group": "IKT un metālapstrādes audzēkņi, 17–19 gadus veci",
        "activities": (
            "<ul><li>Kopīgi IKT un darbnīcu projekti jauktās komandās.</li>"
            "<li>Vakari par Latgales kultūru un vēsturi.</li></ul>"
        ),
    },
    "project-writing-team": {
        "title": "Skolas projektu rakstīšanas komandas apmācība",
        "summary": (
            "Apmācīt astoņus skolotājus rakstīt un vadīt starptautiskus un ES finansētus "
            "projektus, lai skola vairs nebūtu atkarīga no saviem diviem metodiķiem."
        ),
        "need": (
            "Kompetenču centram tuvojas ERAF un ESF projekti, bet projektus šobrīd raksta un "
            "vada tikai divi metodiķi. Vizīte Florencē parādīja, ka projektu darbu var iemācīties, "
            "un četriem no mums tagad ir zināma pieredze."
        ),
        "target_group": "Skolas skolotāji un nodaļu vadītāji",
        "activities": (
            "<ul><li>Sešas vienas dienas darbnīcas par projektu izstrādi, budžetu un "
            "atskaitēm.</li>"
            "<li>Katrs dalībnieks kopā ar mentoru uzraksta daļu no īsta pieteikuma.</li>"
            "<li>Kopīga mape ar veidnēm un iepriekšējiem pieteikumiem.</li></ul>"
        ),
    },
}
