"""India's states and union territories as in the 2019 Lok Sabha data: ISO 3166-2:IN code,
English name and Hindi name."""

from types import MappingProxyType

# key: the state's name as written in in-lok-sabha-2019/constituencies.csv
INDIA_STATES = MappingProxyType(
    {
        "ANDAMAN & NICOBAR ISLANDS": (
            "IN-AN",
            "Andaman and Nicobar Islands",
            "अंडमान और निकोबार द्वीपसमूह",
        ),
        "ANDHRA PRADESH": ("IN-AP", "Andhra Pradesh", "आंध्र प्रदेश"),
        "ARUNACHAL PRADESH": ("IN-AR", "Arunachal Pradesh", "अरुणाचल प्रदेश"),
        "ASSAM": ("IN-AS", "Assam", "असम"),
        "BIHAR": ("IN-BR", "Bihar", "बिहार"),
        "CHANDIGARH": ("IN-CH", "Chandigarh", "चंडीगढ़"),
        "CHHATTISGARH": ("IN-CT", "Chhattisgarh", "छत्तीसगढ़"),
        "DADRA & NAGAR HAVELI": ("IN-DN", "Dadra and Nagar Haveli", "दादरा और नगर हवेली"),
        "DAMAN & DIU": ("IN-DD", "Daman and Diu", "दमन और दीव"),
        "GOA": ("IN-GA", "Goa", "गोवा"),
        "GUJARAT": ("IN-GJ", "Gujarat", "गुजरात"),
        "HARYANA": ("IN-HR", "Haryana", "हरियाणा"),
        "HIMACHAL PRADESH": ("IN-HP", "Himachal Pradesh", "हिमाचल प्रदेश"),
        "JAMMU & KASHMIR": ("IN-JK", "Jammu and Kashmir", "जम्मू और कश्मीर"),
        "JHARKHAND": ("IN-JH", "Jharkhand", "झारखंड"),
        "KARNATAKA": ("IN-KA", "Karnataka", "कर्नाटक"),
        "KERALA": ("IN-KL", "Kerala", "केरल"),
        "LAKSHADWEEP": ("IN-LD", "Lakshadweep", "लक्षद्वीप"),
        "MADHYA PRADESH": ("IN-MP", "Madhya Pradesh", "मध्य प्रदेश"),
        "MAHARASHTRA": ("IN-MH", "Maharashtra", "महाराष्ट्र"),
        "MANIPUR": ("IN-MN", "Manipur", "मणिपुर"),
        "MEGHALAYA": ("IN-ML", "Meghalaya", "मेघालय"),
        "MIZORAM": ("IN-MZ", "Mizoram", "मिज़ोरम"),
        "NAGALAND": ("IN-NL", "Nagaland", "नागालैंड"),
        "NATIONAL CAPITAL TERRITORY OF DELHI": ("IN-DL", "Delhi", "दिल्ली"),
        "ODISHA": ("IN-OR", "Odisha", "ओडिशा"),
        "PUDUCHERRY": ("IN-PY", "Puducherry", "पुडुचेरी"),
        "PUNJAB": ("IN-PB", "Punjab", "पंजाब"),
        "RAJASTHAN": ("IN-RJ", "Rajasthan", "राजस्थान"),
        "SIKKIM": ("IN-SK", "Sikkim", "सिक्किम"),
        "TAMIL NADU": ("IN-TN", "Tamil Nadu", "तमिलनाडु"),
        "TELANGANA": ("IN-TG", "Telangana", "तेलंगाना"),
        "TRIPURA": ("IN-TR", "Tripura", "त्रिपुरा"),
        "UTTAR PRADESH": ("IN-UP", "Uttar Pradesh", "उत्तर प्रदेश"),
        "UTTARAKHAND": ("IN-UT", "Uttarakhand", "उत्तराखंड"),
        "WEST BENGAL": ("IN-WB", "West Bengal", "पश्चिम बंगाल"),
    }
)
