// The fixed pools the generator draws from. Cities, provinces, districts and states are real
// (coordinates approximate, to about a tenth of a degree); armed groups, monitors, publishers,
// people and every event are invented. The lists are ordered by prominence: smaller data sets take
// a prefix of them.

export interface City {
  city: string;
  country: string;
  countryCode: string;
  latitude: number;
  longitude: number;
}

const city = (name: string, country: string, countryCode: string, latitude: number, longitude: number): City => ({
  city: name,
  country,
  countryCode,
  latitude,
  longitude,
});

export const CITIES: readonly City[] = [
  city("Doha", "Qatar", "QA", 25.2854, 51.531),
  city("Istanbul", "Türkiye", "TR", 41.0082, 28.9784),
  city("Riyadh", "Saudi Arabia", "SA", 24.7136, 46.6753),
  city("Islamabad", "Pakistan", "PK", 33.6844, 73.0479),
  city("Kabul", "Afghanistan", "AF", 34.5553, 69.2075),
  city("Beijing", "China", "CN", 39.9042, 116.4074),
  city("Tehran", "Iran", "IR", 35.6892, 51.389),
  city("Abu Dhabi", "United Arab Emirates", "AE", 24.4539, 54.3773),
  city("Muscat", "Oman", "OM", 23.588, 58.3829),
  city("Geneva", "Switzerland", "CH", 46.2044, 6.1432),
  city("Moscow", "Russia", "RU", 55.7558, 37.6173),
  city("Tashkent", "Uzbekistan", "UZ", 41.2995, 69.2401),
  city("Ankara", "Türkiye", "TR", 39.9334, 32.8597),
  city("Jeddah", "Saudi Arabia", "SA", 21.4858, 39.1925),
  city("Oslo", "Norway", "NO", 59.9139, 10.7522),
  city("Cairo", "Egypt", "EG", 30.0444, 31.2357),
  city("Dubai", "United Arab Emirates", "AE", 25.2048, 55.2708),
  city("Urumqi", "China", "CN", 43.8256, 87.6168),
  city("Termez", "Uzbekistan", "UZ", 37.2242, 67.2783),
  city("Ashgabat", "Turkmenistan", "TM", 37.9601, 58.3261),
  city("Astana", "Kazakhstan", "KZ", 51.1694, 71.4491),
  city("Almaty", "Kazakhstan", "KZ", 43.222, 76.8512),
  city("Dushanbe", "Tajikistan", "TJ", 38.5598, 68.787),
  city("Amman", "Jordan", "JO", 31.9454, 35.9284),
  city("Kuwait City", "Kuwait", "KW", 29.3759, 47.9774),
  city("Manama", "Bahrain", "BH", 26.2285, 50.586),
  city("Baghdad", "Iraq", "IQ", 33.3152, 44.3661),
  city("Baku", "Azerbaijan", "AZ", 40.4093, 49.8671),
  city("Yerevan", "Armenia", "AM", 40.1792, 44.4991),
  city("Tbilisi", "Georgia", "GE", 41.7151, 44.8271),
  city("Lausanne", "Switzerland", "CH", 46.5197, 6.6323),
  city("Stockholm", "Sweden", "SE", 59.3293, 18.0686),
  city("Helsinki", "Finland", "FI", 60.1699, 24.9384),
  city("Vienna", "Austria", "AT", 48.2082, 16.3738),
  city("Berlin", "Germany", "DE", 52.52, 13.405),
  city("Bonn", "Germany", "DE", 50.7374, 7.0982),
  city("Paris", "France", "FR", 48.8566, 2.3522),
  city("London", "United Kingdom", "GB", 51.5072, -0.1276),
  city("Brussels", "Belgium", "BE", 50.8503, 4.3517),
  city("Rome", "Italy", "IT", 41.9028, 12.4964),
  city("Washington", "United States", "US", 38.9072, -77.0369),
  city("New York", "United States", "US", 40.7128, -74.006),
  city("Addis Ababa", "Ethiopia", "ET", 9.03, 38.74),
  city("Nairobi", "Kenya", "KE", -1.2921, 36.8219),
  city("Kampala", "Uganda", "UG", 0.3476, 32.5825),
  city("Djibouti", "Djibouti", "DJ", 11.5721, 43.1456),
  city("Juba", "South Sudan", "SS", 4.8594, 31.5713),
  city("Luanda", "Angola", "AO", -8.839, 13.2894),
  city("Pretoria", "South Africa", "ZA", -25.7479, 28.2293),
  city("Havana", "Cuba", "CU", 23.1136, -82.3666),
  city("Bogotá", "Colombia", "CO", 4.711, -74.0721),
  city("Caracas", "Venezuela", "VE", 10.4806, -66.9036),
  city("Mexico City", "Mexico", "MX", 19.4326, -99.1332),
  city("Brasília", "Brazil", "BR", -15.7939, -47.8828),
  city("New Delhi", "India", "IN", 28.6139, 77.209),
  city("Kathmandu", "Nepal", "NP", 27.7172, 85.324),
  city("Colombo", "Sri Lanka", "LK", 6.9271, 79.8612),
  city("Jakarta", "Indonesia", "ID", -6.2088, 106.8456),
  city("Kuala Lumpur", "Malaysia", "MY", 3.139, 101.6869),
  city("Tokyo", "Japan", "JP", 35.6762, 139.6503),
];

export interface MediatorSeed {
  name: string;
  shortName?: string;
  kind: "state" | "organisation";
  countryCode?: string;
}

export const MEDIATORS: readonly MediatorSeed[] = [
  { name: "Qatar", kind: "state", countryCode: "QA" },
  { name: "Türkiye", kind: "state", countryCode: "TR" },
  { name: "Saudi Arabia", kind: "state", countryCode: "SA" },
  { name: "China", kind: "state", countryCode: "CN" },
  { name: "Iran", kind: "state", countryCode: "IR" },
  { name: "United Arab Emirates", shortName: "UAE", kind: "state", countryCode: "AE" },
  { name: "Oman", kind: "state", countryCode: "OM" },
  { name: "United Nations", shortName: "UN", kind: "organisation" },
  { name: "Switzerland", kind: "state", countryCode: "CH" },
  { name: "Russia", kind: "state", countryCode: "RU" },
  { name: "Uzbekistan", kind: "state", countryCode: "UZ" },
  { name: "Norway", kind: "state", countryCode: "NO" },
  { name: "Organisation of Islamic Cooperation", shortName: "OIC", kind: "organisation" },
  { name: "Egypt", kind: "state", countryCode: "EG" },
  { name: "Turkmenistan", kind: "state", countryCode: "TM" },
  { name: "Kazakhstan", kind: "state", countryCode: "KZ" },
  { name: "Tajikistan", kind: "state", countryCode: "TJ" },
  { name: "Jordan", kind: "state", countryCode: "JO" },
  { name: "Kuwait", kind: "state", countryCode: "KW" },
  { name: "African Union", shortName: "AU", kind: "organisation" },
  { name: "European Union", shortName: "EU", kind: "organisation" },
  { name: "Shanghai Cooperation Organisation", shortName: "SCO", kind: "organisation" },
  { name: "Sweden", kind: "state", countryCode: "SE" },
  { name: "Finland", kind: "state", countryCode: "FI" },
  { name: "Austria", kind: "state", countryCode: "AT" },
  { name: "Germany", kind: "state", countryCode: "DE" },
  { name: "France", kind: "state", countryCode: "FR" },
  { name: "United Kingdom", shortName: "UK", kind: "state", countryCode: "GB" },
  { name: "United States", shortName: "US", kind: "state", countryCode: "US" },
  { name: "Intergovernmental Authority on Development", shortName: "IGAD", kind: "organisation" },
  { name: "International Committee of the Red Cross", shortName: "ICRC", kind: "organisation" },
  { name: "Ethiopia", kind: "state", countryCode: "ET" },
  { name: "Kenya", kind: "state", countryCode: "KE" },
  { name: "South Africa", kind: "state", countryCode: "ZA" },
  { name: "Cuba", kind: "state", countryCode: "CU" },
  { name: "Brazil", kind: "state", countryCode: "BR" },
  { name: "Indonesia", kind: "state", countryCode: "ID" },
  { name: "Malaysia", kind: "state", countryCode: "MY" },
  { name: "Japan", kind: "state", countryCode: "JP" },
  { name: "Community of Sant'Egidio", kind: "organisation" },
];

/** Invented casualty monitors: the independent third voice among the claims. */
export const MONITORS: readonly string[] = [
  "Civilian Harm Observatory",
  "Border Casualty Monitor",
  "Independent Casualty Recording Network",
  "Regional Human Rights Watchdog",
  "Conflict Events Tracker",
  "Humanitarian Situation Monitor",
];

export interface Place {
  district: string;
  latitude: number;
  longitude: number;
}

export interface Province {
  name: string;
  countryCode: string;
  latitude: number;
  longitude: number;
  /** How often incidents happen here relative to other provinces of the theatre. */
  weight: number;
  places: readonly Place[];
}

type PlaceRow = [string, number, number];
const province = (
  name: string,
  countryCode: string,
  latitude: number,
  longitude: number,
  weight: number,
  places: PlaceRow[],
): Province => ({
  name,
  countryCode,
  latitude,
  longitude,
  weight,
  places: places.map(([district, lat, lon]) => ({ district, latitude: lat, longitude: lon })),
});

const AFGHANISTAN: Province[] = [
  province("Kunar", "AF", 34.85, 71.1, 8, [["Asadabad", 34.87, 71.15], ["Dangam", 34.98, 71.42], ["Sarkano", 34.8, 71.18], ["Marawara", 34.92, 71.25], ["Shigal", 35.05, 71.35]]),
  province("Nangarhar", "AF", 34.2, 70.5, 8, [["Jalalabad", 34.43, 70.45], ["Momand Dara", 34.23, 71.0], ["Achin", 34.1, 70.7], ["Ghanikhel", 34.25, 70.75], ["Lalpur", 34.3, 71.05]]),
  province("Khost", "AF", 33.35, 69.9, 8, [["Khost", 33.34, 69.92], ["Spera", 33.2, 69.52], ["Tani", 33.25, 69.85], ["Zazai Maidan", 33.6, 70.1], ["Gurbuz", 33.3, 70.1]]),
  province("Paktika", "AF", 32.5, 68.8, 8, [["Barmal", 32.7, 69.55], ["Urgun", 32.93, 69.18], ["Sharana", 33.18, 68.73], ["Gomal", 32.5, 69.3], ["Turwo", 32.15, 68.95]]),
  province("Paktia", "AF", 33.6, 69.4, 5, [["Gardez", 33.6, 69.23], ["Dand-e Patan", 33.82, 69.92], ["Jaji", 33.85, 69.7], ["Zurmat", 33.45, 69.0]]),
  province("Kandahar", "AF", 31.0, 65.8, 6, [["Spin Boldak", 31.0, 66.4], ["Kandahar", 31.61, 65.71], ["Arghistan", 31.4, 66.3], ["Maruf", 31.55, 67.05], ["Shorabak", 30.55, 66.2]]),
  province("Helmand", "AF", 31.0, 64.2, 3, [["Lashkar Gah", 31.59, 64.37], ["Garmsir", 30.95, 64.15], ["Dishu", 30.45, 64.0], ["Sangin", 32.07, 64.84]]),
  province("Nimroz", "AF", 30.6, 62.2, 2, [["Zaranj", 30.96, 61.86], ["Chahar Burjak", 30.3, 62.05]]),
  province("Nuristan", "AF", 35.3, 70.9, 3, [["Parun", 35.42, 70.92], ["Kamdesh", 35.42, 71.35], ["Barg-e Matal", 35.65, 71.35]]),
  province("Zabul", "AF", 32.2, 67.2, 2, [["Qalat", 32.11, 66.91], ["Shinkay", 31.85, 67.6], ["Atghar", 32.15, 67.75]]),
  province("Badakhshan", "AF", 36.8, 71.5, 1, [["Fayzabad", 37.12, 70.58], ["Ishkashim", 36.7, 71.6]]),
  province("Kabul", "AF", 34.5, 69.2, 3, [["Kabul", 34.55, 69.21], ["Paghman", 34.59, 68.95], ["Bagrami", 34.49, 69.28], ["Surobi", 34.59, 69.77]]),
  province("Laghman", "AF", 34.7, 70.2, 2, [["Mehtarlam", 34.65, 70.21], ["Alingar", 34.83, 70.36]]),
  province("Badghis", "AF", 35.0, 63.4, 1, [["Qala-i-Naw", 34.98, 63.13]]),
  province("Baghlan", "AF", 35.9, 68.7, 1, [["Puli Khumri", 35.94, 68.71]]),
  province("Balkh", "AF", 36.7, 67.1, 1, [["Mazar-i-Sharif", 36.71, 67.11]]),
  province("Bamyan", "AF", 34.8, 67.8, 1, [["Bamyan", 34.82, 67.83]]),
  province("Daykundi", "AF", 33.7, 66.1, 1, [["Nili", 33.72, 66.13]]),
  province("Farah", "AF", 32.4, 62.1, 1, [["Farah", 32.37, 62.11]]),
  province("Faryab", "AF", 35.9, 64.8, 1, [["Maymana", 35.92, 64.78]]),
  province("Ghazni", "AF", 33.5, 68.4, 2, [["Ghazni", 33.55, 68.42], ["Andar", 33.3, 68.5]]),
  province("Ghor", "AF", 34.5, 65.3, 1, [["Chaghcharan", 34.52, 65.25]]),
  province("Herat", "AF", 34.35, 62.2, 1, [["Herat", 34.35, 62.2], ["Islam Qala", 34.66, 61.07]]),
  province("Jowzjan", "AF", 36.7, 65.8, 1, [["Sheberghan", 36.67, 65.75]]),
  province("Kapisa", "AF", 35.0, 69.3, 1, [["Mahmud-i-Raqi", 35.02, 69.34]]),
  province("Kunduz", "AF", 36.7, 68.9, 1, [["Kunduz", 36.73, 68.86]]),
  province("Logar", "AF", 34.0, 69.0, 1, [["Pul-i-Alam", 33.99, 69.02]]),
  province("Panjshir", "AF", 35.3, 69.5, 1, [["Bazarak", 35.31, 69.52]]),
  province("Parwan", "AF", 35.0, 69.2, 1, [["Charikar", 35.01, 69.17]]),
  province("Samangan", "AF", 36.3, 68.0, 1, [["Aybak", 36.26, 68.02]]),
  province("Sar-e Pol", "AF", 36.2, 65.9, 1, [["Sar-e Pol", 36.22, 65.93]]),
  province("Takhar", "AF", 36.7, 69.5, 1, [["Taloqan", 36.74, 69.53]]),
  province("Uruzgan", "AF", 32.9, 66.0, 1, [["Tarin Kot", 32.63, 65.88]]),
  province("Wardak", "AF", 34.3, 68.4, 1, [["Maidan Shahr", 34.4, 68.87]]),
];

const PAKISTAN: Province[] = [
  province("Khyber Pakhtunkhwa", "PK", 34.0, 71.6, 14, [
    ["Khyber", 34.09, 71.1], ["Bajaur", 34.78, 71.53], ["Mohmand", 34.5, 71.28], ["Kurram", 33.78, 70.12],
    ["North Waziristan", 33.0, 70.07], ["South Waziristan", 32.3, 69.57], ["Chitral", 35.85, 71.79],
    ["Dera Ismail Khan", 31.83, 70.9], ["Bannu", 32.99, 70.6], ["Lakki Marwat", 32.61, 70.91],
    ["Peshawar", 34.01, 71.58], ["Tank", 32.22, 70.38],
  ]),
  province("Balochistan", "PK", 29.0, 66.0, 9, [
    ["Chaman", 30.92, 66.45], ["Quetta", 30.18, 66.99], ["Zhob", 31.34, 69.45], ["Killa Saifullah", 30.7, 68.36],
    ["Chagai", 29.3, 64.7], ["Kech", 26.0, 63.05], ["Gwadar", 25.12, 62.33], ["Panjgur", 26.97, 64.09], ["Noshki", 29.55, 65.39],
  ]),
  province("Punjab", "PK", 31.2, 72.7, 2, [["Lahore", 31.55, 74.34], ["Rawalpindi", 33.6, 73.05], ["Sialkot", 32.49, 74.53], ["Narowal", 32.1, 74.87]]),
  province("Sindh", "PK", 25.9, 68.5, 1, [["Karachi", 24.86, 67.01], ["Hyderabad", 25.4, 68.37]]),
  province("Gilgit-Baltistan", "PK", 35.8, 74.9, 1, [["Gilgit", 35.92, 74.31], ["Skardu", 35.3, 75.63]]),
  province("Islamabad Capital Territory", "PK", 33.68, 73.05, 1, [["Islamabad", 33.68, 73.05]]),
  province("Azad Kashmir", "PK", 34.0, 73.7, 2, [["Muzaffarabad", 34.37, 73.47], ["Kotli", 33.52, 73.9], ["Bhimber", 32.97, 74.08], ["Neelum", 34.6, 73.9]]),
];

const INDIA: Province[] = [
  province("Jammu and Kashmir", "IN", 33.8, 75.0, 8, [["Kupwara", 34.53, 74.26], ["Poonch", 33.77, 74.09], ["Rajouri", 33.38, 74.31], ["Baramulla", 34.2, 74.34], ["Jammu", 32.73, 74.86]]),
  province("Ladakh", "IN", 34.2, 77.6, 1, [["Kargil", 34.56, 76.13], ["Leh", 34.15, 77.58]]),
  province("Punjab", "IN", 31.1, 75.3, 2, [["Amritsar", 31.63, 74.87], ["Gurdaspur", 32.04, 75.4], ["Ferozepur", 30.93, 74.61]]),
  province("Rajasthan", "IN", 27.0, 74.2, 1, [["Barmer", 25.75, 71.39], ["Jaisalmer", 26.92, 70.91]]),
];

const ARMENIA_AZERBAIJAN: Province[] = [
  province("Syunik", "AM", 39.5, 46.3, 3, [["Goris", 39.51, 46.34], ["Kapan", 39.21, 46.41]]),
  province("Tavush", "AM", 40.9, 45.1, 2, [["Ijevan", 40.88, 45.15], ["Berd", 40.88, 45.39]]),
  province("Gegharkunik", "AM", 40.2, 45.2, 2, [["Vardenis", 40.18, 45.73], ["Sotk", 40.2, 45.93]]),
  province("Vayots Dzor", "AM", 39.75, 45.35, 1, [["Jermuk", 39.84, 45.67]]),
  province("Gazakh", "AZ", 41.1, 45.4, 2, [["Gazakh", 41.09, 45.37]]),
  province("Tovuz", "AZ", 40.99, 45.63, 2, [["Tovuz", 40.99, 45.63]]),
  province("Kalbajar", "AZ", 40.1, 46.04, 2, [["Kalbajar", 40.1, 46.04]]),
  province("Lachin", "AZ", 39.64, 46.55, 2, [["Lachin", 39.64, 46.55]]),
  province("Nakhchivan", "AZ", 39.2, 45.4, 1, [["Sadarak", 39.71, 44.89], ["Julfa", 38.96, 45.63]]),
];

const SUDAN: Province[] = [
  province("North Darfur", "SD", 15.0, 25.0, 4, [["El Fasher", 13.63, 25.35], ["Kutum", 14.2, 24.66], ["Mellit", 14.13, 25.55]]),
  province("South Darfur", "SD", 11.5, 24.9, 3, [["Nyala", 12.05, 24.88], ["Kas", 12.5, 24.28]]),
  province("West Darfur", "SD", 13.0, 22.5, 3, [["El Geneina", 13.45, 22.45], ["Kereinik", 13.2, 22.8]]),
  province("Khartoum", "SD", 15.5, 32.6, 4, [["Khartoum", 15.5, 32.56], ["Omdurman", 15.64, 32.48], ["Bahri", 15.64, 32.53]]),
  province("North Kordofan", "SD", 14.5, 29.5, 2, [["El Obeid", 13.18, 30.22], ["Bara", 13.7, 30.37]]),
  province("South Kordofan", "SD", 11.2, 29.9, 2, [["Kadugli", 11.01, 29.72], ["Dilling", 12.05, 29.65]]),
  province("Blue Nile", "SD", 11.3, 34.3, 1, [["Ed Damazin", 11.79, 34.36]]),
  province("Gezira", "SD", 14.4, 33.4, 2, [["Wad Madani", 14.4, 33.52]]),
];

const YEMEN: Province[] = [
  province("Marib", "YE", 15.5, 45.3, 4, [["Marib", 15.46, 45.32], ["Sirwah", 15.45, 45.02]]),
  province("Al Hudaydah", "YE", 14.8, 43.1, 4, [["Al Hudaydah", 14.8, 42.95], ["Hays", 13.93, 43.48]]),
  province("Taiz", "YE", 13.5, 44.0, 3, [["Taiz", 13.58, 44.02], ["Al Mocha", 13.32, 43.25]]),
  province("Sanaa", "YE", 15.4, 44.2, 2, [["Sanaa", 15.37, 44.19], ["Nihm", 15.7, 44.6]]),
  province("Al Jawf", "YE", 16.3, 45.0, 2, [["Al Hazm", 16.16, 44.78]]),
  province("Saada", "YE", 17.0, 43.8, 2, [["Saada", 16.94, 43.76], ["Razih", 16.9, 43.25]]),
  province("Aden", "YE", 12.8, 45.0, 1, [["Aden", 12.79, 45.03]]),
  province("Shabwah", "YE", 14.5, 46.8, 1, [["Ataq", 14.53, 46.83]]),
];

const COLOMBIA: Province[] = [
  province("Cauca", "CO", 2.5, -76.8, 4, [["Popayán", 2.44, -76.61], ["Argelia", 2.26, -77.25], ["Suárez", 2.95, -76.69]]),
  province("Nariño", "CO", 1.5, -77.8, 3, [["Tumaco", 1.8, -78.76], ["Barbacoas", 1.67, -78.14]]),
  province("Antioquia", "CO", 7.0, -75.5, 3, [["Medellín", 6.25, -75.56], ["Ituango", 7.17, -75.76], ["Segovia", 7.08, -74.7]]),
  province("Chocó", "CO", 5.7, -76.7, 2, [["Quibdó", 5.69, -76.66], ["Riosucio", 7.44, -77.12]]),
  province("Norte de Santander", "CO", 8.0, -72.9, 3, [["Cúcuta", 7.89, -72.5], ["Tibú", 8.64, -72.74]]),
  province("Arauca", "CO", 6.6, -71.0, 2, [["Arauca", 7.08, -70.76], ["Tame", 6.46, -71.74]]),
  province("Guaviare", "CO", 2.0, -72.3, 1, [["San José del Guaviare", 2.57, -72.64]]),
];

const DR_CONGO: Province[] = [
  province("North Kivu", "CD", -0.8, 29.1, 5, [["Goma", -1.68, 29.22], ["Rutshuru", -1.19, 29.45], ["Beni", 0.49, 29.47], ["Masisi", -1.4, 28.81]]),
  province("South Kivu", "CD", -3.0, 28.3, 3, [["Bukavu", -2.51, 28.86], ["Uvira", -3.4, 29.14], ["Fizi", -4.3, 28.94]]),
  province("Ituri", "CD", 1.6, 29.9, 3, [["Bunia", 1.56, 30.25], ["Djugu", 1.92, 30.5], ["Mambasa", 1.36, 29.05]]),
  province("Tanganyika", "CD", -6.0, 27.9, 1, [["Kalemie", -5.95, 29.19]]),
  province("Maniema", "CD", -3.0, 26.0, 1, [["Kindu", -2.94, 25.92]]),
];

export interface StateSeed {
  name: string;
  shortName?: string;
  kind: "state" | "de_facto_authority";
  countryCode: string;
}

export interface Theatre {
  key: string;
  /** Share of the processes that take place in this theatre. */
  weight: number;
  /** Both sides are states (or de facto authorities): their processes are interstate talks. */
  states: readonly StateSeed[];
  interstate: boolean;
  provinces: readonly Province[];
  countryNames: Readonly<Record<string, string>>;
  topics: readonly string[];
}

const PK: StateSeed = { name: "Pakistan", kind: "state", countryCode: "PK" };
const AF: StateSeed = { name: "Taliban authorities of Afghanistan", shortName: "Afghanistan", kind: "de_facto_authority", countryCode: "AF" };

export const THEATRES: readonly Theatre[] = [
  {
    key: "af-pk",
    weight: 55,
    states: [PK, AF],
    interstate: true,
    provinces: [...AFGHANISTAN, ...PAKISTAN],
    countryNames: { AF: "Afghanistan", PK: "Pakistan" },
    topics: ["de-escalation talks", "border talks", "ceasefire talks", "security dialogue", "trade and transit talks"],
  },
  {
    key: "in-pk",
    weight: 10,
    states: [{ name: "India", kind: "state", countryCode: "IN" }, PK],
    interstate: true,
    provinces: [...INDIA, ...PAKISTAN.filter((p) => ["Azad Kashmir", "Punjab", "Gilgit-Baltistan"].includes(p.name))],
    countryNames: { IN: "India", PK: "Pakistan" },
    topics: ["Line of Control talks", "ceasefire understanding talks", "military hotline talks"],
  },
  {
    key: "am-az",
    weight: 7,
    states: [{ name: "Armenia", kind: "state", countryCode: "AM" }, { name: "Azerbaijan", kind: "state", countryCode: "AZ" }],
    interstate: true,
    provinces: ARMENIA_AZERBAIJAN,
    countryNames: { AM: "Armenia", AZ: "Azerbaijan" },
    topics: ["border delimitation talks", "peace talks", "ceasefire talks"],
  },
  {
    key: "sd",
    weight: 8,
    states: [{ name: "Sudan", kind: "state", countryCode: "SD" }],
    interstate: false,
    provinces: SUDAN,
    countryNames: { SD: "Sudan" },
    topics: ["ceasefire talks", "humanitarian talks", "peace talks"],
  },
  {
    key: "ye",
    weight: 7,
    states: [{ name: "Yemen", kind: "state", countryCode: "YE" }],
    interstate: false,
    provinces: YEMEN,
    countryNames: { YE: "Yemen" },
    topics: ["truce talks", "prisoner exchange talks", "peace consultations"],
  },
  {
    key: "co",
    weight: 7,
    states: [{ name: "Colombia", kind: "state", countryCode: "CO" }],
    interstate: false,
    provinces: COLOMBIA,
    countryNames: { CO: "Colombia" },
    topics: ["peace talks", "dialogue table", "ceasefire talks"],
  },
  {
    key: "cd",
    weight: 6,
    states: [{ name: "Democratic Republic of the Congo", shortName: "DR Congo", kind: "state", countryCode: "CD" }],
    interstate: false,
    provinces: DR_CONGO,
    countryNames: { CD: "DR Congo" },
    topics: ["peace talks", "ceasefire talks", "disarmament talks"],
  },
];

// Invented armed-group names: a noun, a qualifier and a terrain, chosen so that they read like
// names without being the name of any real group.
export const GROUP_NOUNS = ["Front", "Brigades", "Movement", "Army", "Council", "Legion", "Alliance", "Battalions"] as const;
export const GROUP_QUALIFIERS = ["Northern", "Southern", "Eastern", "Western", "Upper", "Lower", "Central", "Highland", "River", "Frontier"] as const;
export const GROUP_TERRAINS = ["Ridge", "Valleys", "Passes", "Plains", "Hills", "Rivers", "Marches", "Steppe", "Highlands", "Gorges"] as const;

export const PUBLISHER_WORDS = {
  news: ["Daily", "Herald", "Observer", "Tribune", "Wire", "Post", "Courier", "Gazette", "Dispatch", "Chronicle"],
  places: ["Frontier", "Capital", "Regional", "Continental", "Border", "Valley", "Metropolitan", "Evening", "Morning", "National"],
  ngos: ["Rights Watch Network", "Protection Cluster Forum", "Civilian Protection Centre", "Peacebuilding Institute", "Humanitarian Policy Group"],
  analysis: ["Security Studies Review", "Conflict Analysis Unit", "Strategic Affairs Quarterly", "Peace Research Bulletin"],
  social: ["Verified account", "Official channel", "Spokesperson account"],
};

export const FIRST_NAMES = ["Amina", "Bilal", "Chen", "Dilnoza", "Elena", "Farid", "Grace", "Hamid", "Ines", "Javed", "Karim", "Leila", "Marco", "Nadia", "Omar", "Priya", "Rustam", "Sara", "Tariq", "Yusuf", "Zainab", "Anders", "Beatriz", "Kofi"];
export const LAST_NAMES = ["Ahmadi", "Baig", "Castillo", "Durrani", "Eriksen", "Farooqi", "Ghani", "Haidari", "Iqbal", "Jansen", "Khan", "Lodhi", "Mensah", "Nazari", "Okafor", "Popal", "Qureshi", "Rahimi", "Safi", "Tanaka", "Usmani", "Wardak", "Yilmaz", "Zaman"];

export const HEADLINES = [
  "Clashes reported as talks stall",
  "Casualty figures disputed after overnight strikes",
  "Mediators urge restraint along the border",
  "Officials confirm new round of talks",
  "Truce under strain after fresh fighting",
  "Residents describe night of shelling",
  "Statement on the latest security incidents",
  "Monthly civilian casualty update",
  "Border crossing closed again",
  "Delegations return home without agreement",
  "Parties trade accusations over ceasefire violations",
  "Analysis: what the latest agreement does and does not say",
  "Humanitarian access talks resume",
  "Drone activity reported over border districts",
  "Protection of civilians: quarterly report",
];
