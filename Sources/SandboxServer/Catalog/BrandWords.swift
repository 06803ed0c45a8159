/// Word lists for brand-like product names: plausible, generic, and not anyone's trademark.
enum BrandWords {
    struct GiftCardFamily: Sendable {
        let category: String
        let stems: [String]
        let suffixes: [String]
        /// The product `categories`, built once and shared by every card of the family.
        let categories: [String]

        init(category: String, stems: [String], suffixes: [String]) {
            self.category = category
            self.stems = stems
            self.suffixes = suffixes
            self.categories = ["gifts", category]
        }
    }

    static let giftCardFamilies: [GiftCardFamily] = [
        GiftCardFamily(
            category: "games",
            stems: ["Steamy", "Pixel", "Arcadia", "Questline", "Nebula", "Retro", "Blocky", "Turbo", "Dragonfire", "Mythic",
                    "Respawn", "Boss Level", "Lootbox", "Hyper", "Starforge", "Joystick", "Critical Hit", "Level Up"],
            suffixes: ["Games", "Play", "Arcade", "Points", "Credits", "Gaming", "Coins"]
        ),
        GiftCardFamily(
            category: "shopping",
            stems: ["Nordic", "Urban", "Metro", "Evergreen", "Golden", "Brightside", "Harbor", "Maple", "Cedar", "Atlas",
                    "Sunrise", "Velvet", "Copper", "Silverline", "Bluebird", "Northwind", "Lighthouse", "Marigold"],
            suffixes: ["Market", "Outlet", "Store", "Bazaar", "Mall", "Emporium", "Goods", "Shop", "Depot"]
        ),
        GiftCardFamily(
            category: "food",
            stems: ["Corner", "Rustic", "Happy", "Little", "Golden", "Urban", "Olive", "Saffron", "Ember", "Basil",
                    "Harvest", "Sunny Side", "Blue Plate", "Copper Pot", "Cinnamon", "Juniper"],
            suffixes: ["Burger", "Pizza", "Kitchen", "Bakery", "Coffee", "Sushi", "Tacos", "Noodles", "Grill", "Diner"]
        ),
        GiftCardFamily(
            category: "streaming",
            stems: ["Stream", "Flix", "Tune", "Wave", "Echo", "Cinema", "Vibe", "Sonic", "Reel", "Encore", "Spotlight", "Playback"],
            suffixes: ["TV", "Music", "Movies", "Plus", "Max", "Box", "Radio"]
        ),
        GiftCardFamily(
            category: "travel",
            stems: ["Sky", "Jet", "Rail", "Voyage", "Wander", "Horizon", "Compass", "Atlas", "Nomad", "Tailwind", "Harbor", "Summit"],
            suffixes: ["Air", "Hotels", "Travel", "Trips", "Stays", "Rides", "Getaways"]
        ),
        GiftCardFamily(
            category: "books",
            stems: ["Nordic", "Paper", "Ink", "Chapter", "Quill", "Library", "Bookmark", "Folio", "Margin", "Storyline"],
            suffixes: ["Books", "Reads", "Pages", "Stories", "Press"]
        ),
        GiftCardFamily(
            category: "home",
            stems: ["Hearth", "Nest", "Oak", "Linen", "Cozy", "Willow", "Stone", "Timber", "Brick", "Fern"],
            suffixes: ["Home", "Living", "Furniture", "Garden", "Interiors", "Hardware"]
        ),
        GiftCardFamily(
            category: "fashion",
            stems: ["Velvet", "Indigo", "Thread", "Denim", "Silk", "Atelier", "Loom", "Stitch", "Mode", "Tailor"],
            suffixes: ["Fashion", "Wear", "Apparel", "Boutique", "Closet", "Shoes"]
        ),
    ]

    /// Named brands with characters a terminal must handle: accents, CJK, Hangul, Cyrillic, Greek, Arabic
    /// (right to left), Thai, Vietnamese and emoji. Each comes with the country it belongs to, an ASCII
    /// slug and its stock: three are out of stock, so even a small catalog shows the state.
    static let signatureBrands: [(name: String, slug: String, country: String, category: String, inStock: Bool)] = [
        ("Café Müller", "cafe-muller", "DE", "food", true),
        ("ユニクロ", "yunikuro", "JP", "fashion", true),
        ("Crème Brûlée Bakery", "creme-brulee-bakery", "FR", "food", true),
        ("Smørrebrød Deli", "smorrebrod-deli", "DK", "food", true),
        ("Pâtisserie Élodie", "patisserie-elodie", "FR", "food", true),
        ("Łódź Market", "lodz-market", "PL", "shopping", false),
        ("Ñandú Sports", "nandu-sports", "AR", "shopping", false),
        ("Kaffee & Kuchen ☕", "kaffee-kuchen", "AT", "food", true),
        ("Sushi Zen 🍣", "sushi-zen", "JP", "food", true),
        ("Pizza Planet 🍕", "pizza-planet", "US", "food", true),
        ("Game Zone 🎮", "game-zone", "GB", "games", true),
        ("Ёлка Shop", "yolka-shop", "KZ", "shopping", true),
        ("Δέλτα Books", "delta-books", "GR", "books", true),
        ("咖啡时光", "kafei-shiguang", "CN", "food", true),
        ("카페 서울", "cafe-seoul", "KR", "food", true),
        ("مكتبة النور", "maktabat-al-noor", "AE", "books", true),
        ("Zoë's Boutique", "zoes-boutique", "IE", "fashion", true),
        ("São Paulo Sabores", "sao-paulo-sabores", "BR", "food", true),
        ("Öresund Outdoors", "oresund-outdoors", "SE", "shopping", true),
        ("Çay Evi", "cay-evi", "TR", "food", false),
        ("Phở Hà Nội", "pho-ha-noi", "VN", "food", true),
        ("ร้านกาแฟ Bangkok", "bangkok-coffee", "TH", "food", true),
        ("Nordic Books", "nordic-books", "NO", "books", true),
        ("Steamy Games", "steamy-games", "US", "games", true),
    ]

    static let editions = ["Premium", "Express", "Classic", "Select", "Online", "Digital", "Deluxe", "Family"]

    static let operatorStems = [
        "Aero", "Arc", "Blue", "Borealis", "Cedar", "Comet", "Delta", "Echo", "Falcon", "Helio", "Horizon", "Iris",
        "Juno", "Kite", "Lumen", "Meridian", "Nova", "Orbit", "Pulse", "Quasar", "Radiant", "Sigma", "Solis",
        "Summit", "Tidal", "Vector", "Velo", "Zenith", "Zephyr", "Nordlink",
    ]
    static let operatorSuffixes = ["Mobile", "Telecom", "Wireless", "Cellular", "Connect", "Tel"]
    static let resellerSuffixes = ["Prepaid Top-Up", "Airtime", "Data Bundles", "PIN-less Recharge"]

    static let utilityStems = [
        "Riverside", "Lakeshore", "Northgate", "Hillcrest", "Bayview", "Pinecrest", "Greenfield", "Oakridge",
        "Westbrook", "Clearwater", "Stonebridge", "Fairhaven", "Brookfield", "Highland",
    ]
    static let utilitySuffixes = ["Electric", "Water", "Gas & Power", "Broadband", "Energy", "Internet", "Waste Services"]

    static let esimBrands = ["Roamly", "Globetrek", "Airhop", "Skybridge", "Datapass", "Wanderbyte"]

    /// An ASCII slug for ids: letters and digits, accents folded, everything else a single dash.
    static func slug(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for character in text.lowercased() {
            let folded = foldedLetters[character] ?? String(character)
            for scalar in folded.unicodeScalars {
                if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    if pendingDash, !result.isEmpty { result.append("-") }
                    pendingDash = false
                    result.unicodeScalars.append(scalar)
                } else if scalar != "'" {
                    pendingDash = true
                }
            }
        }
        return result
    }

    private static let foldedLetters: [Character: String] = [
        "à": "a", "á": "a", "â": "a", "ã": "a", "ä": "a", "å": "a", "æ": "ae", "ç": "c", "è": "e", "é": "e",
        "ê": "e", "ë": "e", "ì": "i", "í": "i", "î": "i", "ï": "i", "ñ": "n", "ò": "o", "ó": "o", "ô": "o",
        "õ": "o", "ö": "o", "ø": "o", "ù": "u", "ú": "u", "û": "u", "ü": "u", "ý": "y", "ÿ": "y", "ß": "ss",
        "ł": "l", "ś": "s", "ź": "z", "ż": "z", "ć": "c", "ń": "n", "ę": "e", "ą": "a", "č": "c", "š": "s",
        "ž": "z", "ř": "r", "ğ": "g", "ı": "i", "ş": "s",
    ]
}
