/// A real country as the catalog uses it: ISO code, English name, currency, and enough of its numbering
/// plan for `check_phone_number` to resolve mobile operators.
struct Country: Sendable {
    let code: String
    let name: String
    let currency: String
    /// E.164 country calling code, without the `+`.
    let dialCode: String
    /// National mobile prefixes. Operator `i` of `n` serves prefixes `i`, `i + n`, ...; the first prefix is
    /// served by every operator (ported numbers), which is how one number can match several operators.
    let mobilePrefixes: [String]
    /// Full number portability: every operator serves every prefix, so any number matches them all.
    let portable: Bool
    /// Relative share of the generated catalog.
    let weight: Int

    init(_ code: String, _ name: String, _ currency: String, dial: String, prefixes: String, portable: Bool = false, weight: Int = 1) {
        self.code = code
        self.name = name
        self.currency = currency
        self.dialCode = dial
        self.mobilePrefixes = prefixes.split(separator: " ").map(String.init)
        self.portable = portable
        self.weight = weight
    }
}

enum Countries {
    /// Seventy-eight countries on six continents. St Kitts and Nevis is here because the live test products are.
    static let all: [Country] = [
        Country("US", "United States", "USD", dial: "1", prefixes: "202 212 213 305 312 415 512 617 646 702 713 917", portable: true, weight: 8),
        Country("CA", "Canada", "CAD", dial: "1", prefixes: "416 438 514 587 604 647 778", portable: true, weight: 3),
        Country("MX", "Mexico", "MXN", dial: "52", prefixes: "155 133 181 1222 1442 1664", weight: 2),
        Country("BR", "Brazil", "BRL", dial: "55", prefixes: "119 219 319 419 519 619 719 819", weight: 2),
        Country("AR", "Argentina", "ARS", dial: "54", prefixes: "911 9221 9341 9351 9261"),
        Country("CL", "Chile", "CLP", dial: "56", prefixes: "92 93 94 95 96 97 98 99"),
        Country("CO", "Colombia", "COP", dial: "57", prefixes: "300 301 310 311 312 315 316 320"),
        Country("PE", "Peru", "PEN", dial: "51", prefixes: "91 92 93 94 95 96 97 98 99"),
        Country("UY", "Uruguay", "UYU", dial: "598", prefixes: "91 92 93 94 95 96 97 98 99"),
        Country("EC", "Ecuador", "USD", dial: "593", prefixes: "95 96 97 98 99"),
        Country("GT", "Guatemala", "GTQ", dial: "502", prefixes: "30 31 32 40 41 42 45 46 47 48 50 51 52 53 55 57"),
        Country("CR", "Costa Rica", "CRC", dial: "506", prefixes: "60 61 62 63 64 70 71 72 83 84 85 86 87 88 89"),
        Country("PA", "Panama", "USD", dial: "507", prefixes: "60 61 62 63 64 65 66 67 68 69"),
        Country("DO", "Dominican Republic", "DOP", dial: "1", prefixes: "809 829 849"),
        Country("JM", "Jamaica", "JMD", dial: "1", prefixes: "876"),
        Country("KN", "St Kitts and Nevis", "XCD", dial: "1", prefixes: "869"),
        Country("GB", "United Kingdom", "GBP", dial: "44", prefixes: "7400 7500 7700 7800 7900 7911 7940 7960", weight: 5),
        Country("IE", "Ireland", "EUR", dial: "353", prefixes: "83 85 86 87 89"),
        Country("FR", "France", "EUR", dial: "33", prefixes: "61 62 63 64 65 66 67 68 69 75 76 77 78", weight: 4),
        Country("DE", "Germany", "EUR", dial: "49", prefixes: "151 152 155 157 159 160 162 163 170 171 172 173 174 175 176 177 178 179", weight: 5),
        Country("ES", "Spain", "EUR", dial: "34", prefixes: "600 610 620 630 640 650 660 670 680 690 711 722", weight: 3),
        Country("PT", "Portugal", "EUR", dial: "351", prefixes: "91 92 93 96"),
        Country("IT", "Italy", "EUR", dial: "39", prefixes: "320 328 330 333 338 340 347 348 349 360 366 380 388 392", weight: 3),
        Country("NL", "Netherlands", "EUR", dial: "31", prefixes: "61 62 63 64 65", weight: 2),
        Country("BE", "Belgium", "EUR", dial: "32", prefixes: "470 471 472 475 476 477 478 479 484 485 486 491 492 495 496 497"),
        Country("LU", "Luxembourg", "EUR", dial: "352", prefixes: "621 628 661 671 691"),
        Country("CH", "Switzerland", "CHF", dial: "41", prefixes: "75 76 77 78 79", weight: 2),
        Country("AT", "Austria", "EUR", dial: "43", prefixes: "650 660 664 676 680 681 688 699"),
        Country("DK", "Denmark", "DKK", dial: "45", prefixes: "20 21 22 23 24 25 26 27 28 29 30 31 40 41 42 50 51 52 53"),
        Country("SE", "Sweden", "SEK", dial: "46", prefixes: "70 72 73 76 79", weight: 2),
        Country("NO", "Norway", "NOK", dial: "47", prefixes: "40 41 45 46 47 48 90 91 92 93 94 95 96 97 98 99"),
        Country("FI", "Finland", "EUR", dial: "358", prefixes: "40 41 44 45 46 50"),
        Country("IS", "Iceland", "ISK", dial: "354", prefixes: "61 62 63 64 65 66 67 69 77 78 82 83 84 85 86 87 88 89"),
        Country("EE", "Estonia", "EUR", dial: "372", prefixes: "50 51 52 53 55 56 58"),
        Country("LV", "Latvia", "EUR", dial: "371", prefixes: "20 21 22 23 24 25 26 27 28 29"),
        Country("LT", "Lithuania", "EUR", dial: "370", prefixes: "60 61 62 63 64 65 66 67 68 69"),
        Country("PL", "Poland", "PLN", dial: "48", prefixes: "50 51 53 57 60 66 69 72 73 78 79 88", weight: 2),
        Country("CZ", "Czechia", "CZK", dial: "420", prefixes: "601 602 603 604 605 606 607 608 720 721 722 723 724 725 730 731 732 733 734 736 737 739 770 773 774 775 776 777"),
        Country("SK", "Slovakia", "EUR", dial: "421", prefixes: "901 902 903 904 905 906 907 908 910 911 912 914 915 916 917 918 940 944 948 949 950 951"),
        Country("HU", "Hungary", "HUF", dial: "36", prefixes: "20 30 31 50 70"),
        Country("RO", "Romania", "RON", dial: "40", prefixes: "72 73 74 75 76 77 78 79"),
        Country("BG", "Bulgaria", "BGN", dial: "359", prefixes: "87 88 89 98"),
        Country("GR", "Greece", "EUR", dial: "30", prefixes: "690 693 694 695 697 698 699"),
        Country("HR", "Croatia", "EUR", dial: "385", prefixes: "91 92 95 97 98 99"),
        Country("SI", "Slovenia", "EUR", dial: "386", prefixes: "30 31 40 41 51 64 68 70 71"),
        Country("RS", "Serbia", "RSD", dial: "381", prefixes: "60 61 62 63 64 65 66 69"),
        Country("CY", "Cyprus", "EUR", dial: "357", prefixes: "94 95 96 97 99"),
        Country("MT", "Malta", "EUR", dial: "356", prefixes: "77 79 98 99"),
        Country("UA", "Ukraine", "UAH", dial: "380", prefixes: "50 63 66 67 68 73 93 95 96 97 98 99"),
        Country("TR", "Türkiye", "TRY", dial: "90", prefixes: "501 505 506 507 530 531 532 533 535 536 537 538 539 541 542 543 544 545 546 549 551 552 553 554 555 559", weight: 2),
        Country("KZ", "Kazakhstan", "KZT", dial: "7", prefixes: "700 701 702 705 707 747 771 775 776 777 778"),
        Country("IL", "Israel", "ILS", dial: "972", prefixes: "50 52 53 54 55 58"),
        Country("AE", "United Arab Emirates", "AED", dial: "971", prefixes: "50 52 54 55 56 58", weight: 2),
        Country("SA", "Saudi Arabia", "SAR", dial: "966", prefixes: "50 53 54 55 56 57 58 59"),
        Country("QA", "Qatar", "QAR", dial: "974", prefixes: "33 55 66 70 77"),
        Country("EG", "Egypt", "EGP", dial: "20", prefixes: "10 11 12 15"),
        Country("MA", "Morocco", "MAD", dial: "212", prefixes: "61 62 63 64 65 66 67 68 69 70 71 77"),
        Country("TN", "Tunisia", "TND", dial: "216", prefixes: "20 21 22 23 24 25 26 27 28 29 50 52 53 54 55 90 91 92 93 94 95 96 97 98 99"),
        Country("NG", "Nigeria", "NGN", dial: "234", prefixes: "703 706 803 806 810 813 814 816 903 906 802 808 812 701 708 902 907 809 817 818 909", weight: 2),
        Country("GH", "Ghana", "GHS", dial: "233", prefixes: "20 23 24 26 27 50 54 55 59"),
        Country("KE", "Kenya", "KES", dial: "254", prefixes: "70 71 72 73 74 75 76 77 78 79 110 111"),
        Country("ZA", "South Africa", "ZAR", dial: "27", prefixes: "60 61 62 63 64 65 66 71 72 73 74 76 78 79 81 82 83 84", weight: 2),
        Country("IN", "India", "INR", dial: "91", prefixes: "70 73 75 77 78 79 80 81 84 88 89 90 91 93 94 95 96 97 98 99", weight: 4),
        Country("PK", "Pakistan", "PKR", dial: "92", prefixes: "300 301 302 303 310 311 312 320 321 330 331 333 340 341 345"),
        Country("BD", "Bangladesh", "BDT", dial: "880", prefixes: "13 14 15 16 17 18 19"),
        Country("LK", "Sri Lanka", "LKR", dial: "94", prefixes: "70 71 72 74 75 76 77 78"),
        Country("NP", "Nepal", "NPR", dial: "977", prefixes: "980 981 982 984 985 986 988"),
        Country("CN", "China", "CNY", dial: "86", prefixes: "130 131 132 133 134 135 136 137 138 139 150 151 152 155 156 157 158 159 180 181 182 183 185 186 187 188 189", weight: 3),
        Country("HK", "Hong Kong", "HKD", dial: "852", prefixes: "51 53 54 55 56 59 60 61 62 63 64 65 66 67 68 69 90 91 92 93 94 95 96 97 98"),
        Country("TW", "Taiwan", "TWD", dial: "886", prefixes: "910 911 912 918 919 920 921 928 930 932 933 934 935 936 937 952 953 955 958 960 963 966 968 970 972 975 978 988"),
        Country("JP", "Japan", "JPY", dial: "81", prefixes: "70 80 90", portable: true, weight: 4),
        Country("KR", "South Korea", "KRW", dial: "82", prefixes: "10", portable: true, weight: 2),
        Country("PH", "Philippines", "PHP", dial: "63", prefixes: "905 906 915 916 917 926 927 935 936 945 953 954 955 956 965 966 967 975 977 978 979 995 996 997", weight: 2),
        Country("VN", "Vietnam", "VND", dial: "84", prefixes: "32 33 34 35 36 37 38 39 70 76 77 78 79 81 82 83 84 85 86 88 89 90 91 93 94 96 97 98"),
        Country("TH", "Thailand", "THB", dial: "66", prefixes: "61 62 63 64 65 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97 98 99"),
        Country("MY", "Malaysia", "MYR", dial: "60", prefixes: "10 11 12 13 14 16 17 18 19"),
        Country("SG", "Singapore", "SGD", dial: "65", prefixes: "81 82 83 84 85 86 87 88 90 91 92 93 94 96 97 98"),
        Country("ID", "Indonesia", "IDR", dial: "62", prefixes: "811 812 813 814 815 816 817 818 819 821 822 823 852 853 855 856 857 858 859 877 878 881 882 883 884 895 896 897 898 899", weight: 2),
        Country("AU", "Australia", "AUD", dial: "61", prefixes: "400 401 402 403 404 405 406 407 408 409 410 411 412 413 414 415 416 417 418 419 420 421 422 423 424", weight: 3),
        Country("NZ", "New Zealand", "NZD", dial: "64", prefixes: "20 21 22 27 28 29"),
    ]

    static let byCode: [String: Int] = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.code, $0) })

    static func named(_ code: String) -> Country? {
        byCode[code].map { all[$0] }
    }
}
