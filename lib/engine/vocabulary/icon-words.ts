/**
 * The vocabulary between prompt words and icon names: stop words, style words, a hand-written
 * synonym map (prompt word → words that occur in Tabler / Fluent icon names), phrases, and
 * simple plural / -ing / -ed folding. Icon names are matched part by part ("chart-bar").
 */

/** Words that never name a subject. */
export const STOP_WORDS = new Set(
  (
    "a an the of with and or on in at to for from by is are be been being it its it's their his her them this that these those " +
    "there here which who whose as into onto over under above below behind beside near next inside within around across through " +
    "one two three four five six several many some each other another pair couple set group series " +
    "very slightly slight small big large tiny huge little long short tall wide thin thick " +
    "shown showing shows displayed depicted depicts depicting featuring features featured image picture " +
    "icon icons vector illustration illustrations design designs logo logos symbol symbols graphic graphics emblem " +
    "flat line lines outline outlined linear stroke style styled simple simplified minimalist minimalistic modern " +
    "cartoon cartoonish stylized stylised clipart art drawing drawn sketch emoji emoticon emoticion " +
    "background backgrounds color colors colour colours colored coloured tone tones shade shades hue hues " +
    "white black gray grey shape shaped like made has have having can could middle center centre centered " +
    "top bottom side sides front back corner edge edges part parts piece pieces element elements " +
    "different various same more most while also just only all both either"
  ).split(/\s+/),
);

/** Verbs after which a prompt explains meaning rather than what to draw. */
export const MEANING_WORDS = new Set(
  (
    "represents represent representing symbolizes symbolize symbolizing symbolises signifies signify signifying " +
    "indicates indicate indicating suggests suggest suggesting conveys convey conveying evokes evoking implies " +
    "denotes denoting stands means meaning concept theme vibe sense"
  ).split(/\s+/),
);

/** Words that split a prompt into subject segments ("X with Y", "X on Y", "X and Y"). */
export const CONNECTORS = new Set(
  "with and on in inside holding wearing over under above below behind beside near next atop containing featuring plus against onto into around within".split(
    " ",
  ),
);

/** Placement words: the second subject sits centred on the first instead of as a corner badge. */
export const CENTRED_PLACEMENT = /\b(in|at) the (middle|center|centre)\b|\binside\b|\bin it\b|\bwithin\b|\bcontaining\b|\bon it\b|\bin the (circle|square)\b/;

/** Words that ask for the line (outline) set. */
export const LINE_WORDS = new Set(["line", "lines", "outline", "outlined", "linear", "stroke", "strokes", "lineart", "thin"]);
/** Words that ask for solid glyphs: Tabler's "-filled" variants. */
export const SOLID_WORDS = new Set(["solid", "filled", "glyph", "silhouette"]);

/** Icon-name parts that describe a container or a variant, not a subject. */
export const GENERIC_PARTS = new Set([
  "brand", "device", "circle", "square", "hexagon", "octagon", "rectangle", "badge", "filled", "outline", "alt", "off",
  "frame", "rounded", "round", "of", "with", "and", "the", "in", "on", "button", "sign", "symbol", "mark", "face",
  "left", "right", "up", "down", "top", "bottom", "small", "big", "large", "medium", "dark", "light", "letter", "number",
]);

/** Prompt word → words found in icon names. The word itself always counts as well. */
export const SYNONYMS: Record<string, string[]> = {
  person: ["user", "person"], people: ["users", "people"], persons: ["users"], human: ["user", "person"], user: ["user"],
  man: ["man", "user"], men: ["users", "men"], woman: ["woman", "user"], women: ["users", "women"], guy: ["man"],
  lady: ["woman"], girl: ["girl", "woman"], boy: ["boy"], kid: ["child"], child: ["child", "baby"], baby: ["baby"],
  character: ["user", "person"], figure: ["user", "person"], avatar: ["user", "circle"], profile: ["user", "id"],
  account: ["user"], face: ["mood", "face"], head: ["head", "user"],
  house: ["home", "house"], home: ["home", "house"], building: ["building"], office: ["building", "office"],
  shop: ["building", "store", "shop"], store: ["building", "store"], storefront: ["building", "store"], church: ["church", "building"],
  car: ["car", "automobile"], automobile: ["car", "automobile"], vehicle: ["car"], truck: ["truck", "delivery"], lorry: ["truck"],
  bus: ["bus"], bike: ["bike", "bicycle"], bicycle: ["bike", "bicycle"], plane: ["plane", "airplane"],
  airplane: ["plane", "airplane"], aeroplane: ["plane", "airplane"], aircraft: ["plane", "airplane"], boat: ["sailboat", "boat"],
  ship: ["ship"], rocket: ["rocket"], train: ["train"],
  phone: ["phone", "telephone", "mobile"], telephone: ["phone", "telephone"], smartphone: ["device", "mobile", "phone"],
  cellphone: ["device", "mobile", "phone"], mobile: ["device", "mobile"], computer: ["device", "desktop", "computer"],
  pc: ["device", "desktop"], desktop: ["device", "desktop"], monitor: ["device", "desktop"], screen: ["device", "desktop", "screen"],
  laptop: ["device", "laptop"], notebook: ["notebook", "laptop"], tablet: ["device", "tablet"], tv: ["device", "tv", "television"],
  television: ["device", "tv", "television"], watch: ["watch", "device"], smartwatch: ["device", "watch"],
  email: ["mail", "envelope", "email"], mail: ["mail", "envelope"], envelope: ["mail", "envelope"], inbox: ["inbox", "mail"],
  message: ["message", "speech"], chat: ["message", "messages", "speech"], speech: ["speech", "message"], bubble: ["message", "speech", "balloon"],
  comment: ["message"], conversation: ["messages", "speech"], magnifier: ["search", "zoom"], search: ["search", "zoom"],
  gear: ["settings", "gear"], cog: ["settings", "gear"], settings: ["settings"], trash: ["trash", "wastebasket"],
  bin: ["trash", "wastebasket"], garbage: ["trash", "wastebasket"], rubbish: ["trash"], delete: ["trash"],
  photo: ["photo", "picture", "framed"], photograph: ["photo"], camera: ["camera"], video: ["video", "movie"],
  film: ["movie", "film"], movie: ["movie"], music: ["music", "musical", "note"], song: ["music", "musical"],
  money: ["cash", "money", "banknote", "currency"], cash: ["cash", "money", "banknote"], dollar: ["dollar", "currency", "money"],
  euro: ["euro", "currency"], pound: ["pound", "currency"], yen: ["yen", "currency"], bitcoin: ["bitcoin", "currency"],
  coin: ["coin", "coins"], chart: ["chart"], graph: ["chart", "graph"], diagram: ["chart"], statistics: ["chart"],
  document: ["file", "document", "page"], paper: ["file", "page", "paper"], page: ["file", "page"], doc: ["file"],
  docx: ["file", "type", "docx"], pdf: ["file", "type", "pdf"], spreadsheet: ["file", "spreadsheet"], file: ["file"],
  folder: ["folder"], clipboard: ["clipboard"], book: ["book", "books"], calendar: ["calendar"], clock: ["clock"],
  time: ["clock"], alarm: ["alarm", "clock"], stopwatch: ["stopwatch"], hourglass: ["hourglass"],
  lock: ["lock", "locked"], padlock: ["lock", "locked"], locked: ["lock", "locked"], unlock: ["lock", "open"],
  unlocked: ["lock", "open"], key: ["key"], shield: ["shield"], security: ["shield", "lock"],
  star: ["star"], heart: ["heart"], love: ["heart"], like: ["heart", "thumb"],
  check: ["check", "mark"], checkmark: ["check", "mark"], tick: ["check"], cross: ["x", "cross", "cancel"], x: ["x"],
  plus: ["plus"], add: ["plus"], minus: ["minus"], question: ["question", "help"], exclamation: ["exclamation", "alert"],
  warning: ["alert", "warning", "triangle"], alert: ["alert", "warning"], info: ["info", "information"], information: ["info"],
  arrow: ["arrow"], arrows: ["arrows", "arrow"], download: ["download"], upload: ["upload"], refresh: ["refresh"],
  cloud: ["cloud"], sun: ["sun"], moon: ["moon"], rain: ["rain", "cloud"], raindrops: ["cloud", "rain"], snow: ["snowflake"],
  snowflake: ["snowflake"], lightning: ["bolt", "lightning"], bolt: ["bolt"], thunder: ["bolt", "storm"], storm: ["storm", "bolt"],
  fire: ["flame", "fire"], flame: ["flame", "fire"], water: ["droplet", "water"], drop: ["droplet", "drop"],
  droplet: ["droplet", "drop"], tree: ["tree", "deciduous"], trees: ["trees", "tree"], plant: ["plant", "potted", "seedling"],
  flower: ["flower", "blossom"], flowers: ["flower", "bouquet"], leaf: ["leaf"], leaves: ["leaf", "leaves"],
  burger: ["hamburger", "burger"], hamburger: ["hamburger", "burger"], coffee: ["coffee", "hot", "beverage"],
  cup: ["cup", "coffee"], mug: ["mug", "coffee"], tea: ["teacup", "tea"], drink: ["cup", "drink", "beverage"],
  bulb: ["bulb", "light"], lightbulb: ["bulb", "light"], lamp: ["lamp"], pen: ["pen", "pencil", "ballpoint"],
  pencil: ["pencil"], brush: ["brush", "paintbrush"], paintbrush: ["brush", "paint"], tool: ["tool", "tools"],
  tools: ["tools", "tool"], wrench: ["tool", "wrench"], spanner: ["tool", "wrench"], cart: ["shopping", "cart"],
  trolley: ["shopping", "cart"], bag: ["bag", "shopping"], gift: ["gift", "wrapped"], present: ["gift", "wrapped"],
  trophy: ["trophy"], medal: ["medal", "award"], award: ["award", "medal"], prize: ["trophy", "award"],
  hand: ["hand", "raised"], fist: ["fist", "oncoming"], finger: ["finger", "index", "pointing"], thumb: ["thumb"],
  thumbs: ["thumb", "up"], handshake: ["handshake"], eye: ["eye"], ear: ["ear"], tooth: ["tooth", "dental"],
  teeth: ["tooth", "dental"], globe: ["world", "globe"], world: ["world", "globe"], earth: ["world", "globe", "earth"],
  planet: ["planet", "world"], map: ["map"], location: ["map", "pin", "location"], pin: ["pin", "pushpin", "map"],
  marker: ["map", "pin"], wifi: ["wifi"], wireless: ["wifi"], internet: ["world", "wifi"], signal: ["antenna", "signal"],
  plug: ["plug", "electric"], socket: ["plug"], bell: ["bell"], notification: ["bell"], speaker: ["volume", "speaker"],
  sound: ["volume", "speaker"], volume: ["volume"], audio: ["volume", "speaker"], microphone: ["microphone"], mic: ["microphone"],
  headphones: ["headphones", "headphone"], headphone: ["headphones", "headphone"], headset: ["headset", "headphones"],
  shirt: ["shirt", "t"], tshirt: ["shirt", "t"], sweater: ["shirt", "coat"], jacket: ["coat", "jacket"], dress: ["dress"],
  shoe: ["shoe", "running"], shoes: ["shoe", "running"], sneaker: ["shoe", "running"], sneakers: ["shoe", "running"],
  glasses: ["eyeglass", "glasses", "eyeglasses"], spectacles: ["eyeglass", "glasses"], sunglasses: ["sunglasses"],
  socks: ["socks"], sock: ["socks"], glove: ["gloves"], gloves: ["gloves"], hat: ["hat"], cap: ["cap", "hat"],
  database: ["database"], server: ["server", "database"], storage: ["database"], code: ["code"], link: ["link"],
  chain: ["link", "chains"], clip: ["paperclip"], paperclip: ["paperclip"], scissors: ["scissors", "cut"], ruler: ["ruler", "straight"],
  tag: ["tag", "label"], label: ["tag", "label"], price: ["tag", "label"], ticket: ["ticket"], briefcase: ["briefcase"],
  suitcase: ["briefcase", "luggage"], box: ["box", "package"], package: ["package", "box"], parcel: ["package", "box"],
  thermometer: ["temperature", "thermometer"], temperature: ["temperature", "thermometer"], pill: ["pill", "pills"],
  medicine: ["pill", "medicine", "first", "aid"], capsule: ["pill"], doctor: ["stethoscope", "doctor"], refrigerator: ["fridge"],
  fridge: ["fridge"], microwave: ["microwave"], swimming: ["swimming", "swim", "swimmer"], swim: ["swimming", "swim"],
  running: ["run", "running"], runner: ["run", "running"], walking: ["walk", "walking"], smile: ["mood", "smile", "smiling"],
  smiling: ["mood", "smile", "smiling"], smiley: ["mood", "smile", "smiling"], happy: ["mood", "happy", "smile"],
  frown: ["mood", "sad", "frowning"], sad: ["mood", "sad"], kiss: ["kiss", "kissing"], bank: ["building", "bank"],
  graduation: ["school", "graduation"], school: ["school"], education: ["school"], wallet: ["wallet"], credit: ["credit", "card"],
  card: ["card", "cards"], chip: ["cpu", "chip"], button: ["button", "circle"], awning: ["building", "store"], receipt: ["receipt"], invoice: ["receipt", "file", "invoice"], puzzle: ["puzzle"], gamepad: ["device", "gamepad"],
  controller: ["device", "gamepad"], joystick: ["joystick"], dice: ["dice", "die"], crown: ["crown"], diamond: ["diamond", "gem"],
  gem: ["diamond", "gem"], rings: ["ring"], umbrella: ["umbrella"], anchor: ["anchor"], target: ["target", "bullseye"],
  bullseye: ["target", "bullseye"], flag: ["flag"], rocketship: ["rocket"], satellite: ["satellite"], battery: ["battery"],
  charger: ["plug", "charging"], printer: ["printer"], keyboard: ["keyboard"], mouse: ["mouse"], robot: ["robot"],
  dog: ["dog"], cat: ["cat"], bird: ["bird"], fish: ["fish"], horse: ["horse"], cow: ["cow"], pig: ["pig"],
  basketball: ["basketball", "ball"], football: ["football", "soccer", "ball"], soccer: ["soccer", "ball"], tennis: ["tennis"],
  golf: ["golf", "flag", "hole"], bowling: ["bowling"], chess: ["chess"], gym: ["barbell", "dumbbell"], dumbbell: ["barbell"],
  weights: ["barbell"], fitness: ["barbell"], cigarette: ["cigarette"], smoking: ["cigarette"], wine: ["wine", "glass"],
  beer: ["beer", "mug"], bottle: ["bottle"], bread: ["bread"], cheese: ["cheese", "wedge"], egg: ["egg"], eggs: ["egg"],
  cake: ["cake", "cupcake"], pizza: ["pizza"], apple: ["apple", "red"], fruit: ["apple"], lemon: ["lemon"], orange: ["tangerine"],
  watermelon: ["watermelon"], garlic: ["garlic"], carrot: ["carrot"], mushroom: ["mushroom"], chili: ["pepper", "hot"],
  ant: ["ant"], bee: ["honeybee", "bee"], butterfly: ["butterfly"], spider: ["spider"], turtle: ["turtle"], rabbit: ["rabbit"],
  bunny: ["rabbit"], mountain: ["mountain"], mountains: ["mountain"], beach: ["beach", "umbrella"], island: ["island"],
  tent: ["tent"], camping: ["tent"], fireworks: ["fireworks"], party: ["party", "popper"], balloon: ["balloon"],
  calculator: ["calculator"], abacus: ["abacus"], microscope: ["microscope"], flask: ["flask", "test", "tube"], beaker: ["flask"],
  chemistry: ["flask", "test"], atom: ["atom"], dna: ["dna"], virus: ["virus", "microbe"], mask: ["mask"],
  syringe: ["syringe", "vaccine"], vaccine: ["vaccine", "syringe"], injection: ["syringe"], hospital: ["hospital", "building"],
  ambulance: ["ambulance"], stethoscope: ["stethoscope"], bandage: ["bandage", "adhesive"], wheelchair: ["wheelchair"],
  sofa: ["sofa", "couch"], couch: ["sofa", "couch"], chair: ["chair", "armchair"], bed: ["bed"], table: ["table"],
  door: ["door"], window: ["window"], stairs: ["stairs"], fence: ["fence"], road: ["road"], bridge: ["bridge"],
  traffic: ["traffic"], parking: ["parking"], fuel: ["gas", "fuel", "station"], gas: ["gas", "station"], factory: ["building", "factory"],
  forklift: ["forklift"], crane: ["crane"], excavator: ["backhoe"], tractor: ["tractor"], helicopter: ["helicopter"],
  compass: ["compass"], binoculars: ["binoculars"], telescope: ["telescope"], hammer: ["hammer"],
  screwdriver: ["screwdriver"], saw: ["saw", "carpentry"], axe: ["axe"], shovel: ["shovel"], broom: ["broom"], bucket: ["bucket"],
  paint: ["paint", "palette"], palette: ["palette", "artist"], easel: ["palette"], piano: ["piano"], guitar: ["guitar"],
  drum: ["drum"], violin: ["violin"], trumpet: ["trumpet"], note: ["note", "notes", "music"], notes: ["notes", "note"],
  seat: ["armchair", "seat"], radio: ["radio"], cone: ["cone", "traffic"], backpack: ["backpack"],
  basket: ["basket", "shopping"], spoon: ["spoon", "tools", "kitchen"], fork: ["fork", "tools", "kitchen"], knife: ["knife", "tools", "kitchen"],
  plate: ["plate", "cutlery"], pot: ["pot", "potted"], pan: ["pan", "frying"], trophies: ["trophy"],
  mustache: ["mustache"], moustache: ["mustache"], beard: ["beard", "man"], lips: ["lips", "mouth", "kiss"], brain: ["brain"],
  liver: ["liver", "organ"], lungs: ["lungs"], bone: ["bone"], skull: ["skull"],
};

/** Multi-word phrases: matched before single words; their words also count on their own. */
export const PHRASES: Record<string, string[]> = {
  "magnifying glass": ["search", "zoom", "magnifying", "glass"],
  "light bulb": ["bulb", "light"],
  "cell phone": ["device", "mobile", "phone"],
  "mobile phone": ["device", "mobile", "phone"],
  "paper clip": ["paperclip"],
  "credit card": ["credit", "card"],
  "shopping cart": ["shopping", "cart"],
  "shopping bag": ["shopping", "bag"],
  "thumbs up": ["thumb", "up"],
  "thumb up": ["thumb", "up"],
  "thumbs down": ["thumb", "down"],
  "check mark": ["check", "mark"],
  "question mark": ["question", "mark"],
  "exclamation mark": ["exclamation", "mark", "alert"],
  "dollar sign": ["currency", "dollar"],
  "euro sign": ["currency", "euro"],
  "plus sign": ["plus"],
  "heart rate": ["heartbeat", "activity", "heart", "rate"],
  "hot air balloon": ["balloon", "air", "hot"],
  "ice cream": ["ice", "cream"],
  "bar chart": ["chart", "bar"],
  "bar graph": ["chart", "bar"],
  "pie chart": ["chart", "pie"],
  "line chart": ["chart", "line"],
  "solar panel": ["solar", "panel"],
  "play button": ["player", "play"],
  "video player": ["player", "play", "video"],
  "traffic light": ["traffic", "lights"],
  "music note": ["music", "note", "musical"],
  "musical note": ["music", "note", "musical"],
  "id card": ["id", "badge", "card"],
  "playing card": ["playing", "card", "cards"],
  "paint brush": ["brush", "paintbrush"],
  "boxing bag": ["boxing", "glove"],
  "boxing glove": ["boxing", "glove"],
  "first aid": ["first", "aid", "kit"],
  "blood bag": ["droplet", "blood"],
  "water drop": ["droplet", "drop", "water"],
  "drop of water": ["droplet", "drop", "water"],
  "glass of water": ["glass", "water", "full"],
  "solar system": ["planet", "ringed"],
  "home page": ["home"],
  "web page": ["browser", "world"],
  "running shoes": ["running", "shoe"],
  "alarm clock": ["alarm", "clock"],
  "air conditioner": ["air", "conditioning"],
  "washing machine": ["wash", "machine"],
  "coffee cup": ["coffee", "cup"],
  "chocolate bar": ["chocolate", "bar"],
  "hand shake": ["handshake"],
  "shaking hands": ["handshake"],
  "hands shaking": ["handshake"],
  "fire extinguisher": ["fire", "extinguisher"],
  "light house": ["lighthouse"],
  "google drive": ["brand", "google", "drive"],
  "computer chip": ["cpu", "chip"],
  "hand pointing": ["backhand", "index", "pointing", "hand"],
  "pointing hand": ["backhand", "index", "pointing", "hand"],
  "gear wheel": ["settings", "gear"],
  "speech bubble": ["message", "speech", "balloon"],
  "bar code": ["barcode"],
  "qr code": ["qrcode"],
};

/** Words that name a part of a thing (its handle, roof, screen): they refine a subject, never start one. */
export const PART_WORDS = new Set(
  (
    "handle handles roof base trunk lid border borders stripe stripes striped pole shadow shadows body hair cord strap straps " +
    "screen surface outline frame rim tip stem wheel wheels window windows pattern texture dot dots spot spots accent accents " +
    "detail details ribbon label word words text letter letters stand legs leg top head"
  ).split(/\s+/),
);

/** Icon-name parts that cost nothing when the prompt does not say them ("flag-in-hole"). */
export const STOP_PARTS = new Set(["in", "of", "with", "and", "the", "for", "to"]);

/** Basic shapes: drawn as solid glyphs (Tabler's "-filled" variants) even without "solid". */
export const SOLID_SHAPES = new Set(["circle", "square", "triangle", "hexagon", "octagon", "pentagon", "rectangle", "star", "heart", "diamond"]);

/** Icons picked when a prompt names a thing without saying which variant ("an arrow"). */
export const DEFAULT_PICKS = new Set(["arrow-right", "circle", "square", "user", "home", "heart", "star", "mail", "arrow-up"]);

/** Plural-looking words that name a different thing than their "singular". */
const NO_FOLD = new Set(["glasses", "sunglasses", "eyeglasses", "goggles", "scissors", "binoculars", "pants", "shorts", "news", "lens", "bus", "gas", "canvas", "atlas", "cactus", "virus", "tennis", "chess", "dress", "cross", "boss"]);

/** Plural folding only: what icon-name parts get (so "heading" is never read as "head"). */
export function pluralForms(word: string): string[] {
  const out = new Set<string>([word]);
  if (NO_FOLD.has(word)) return [word];
  const n = word.length;
  if (n > 4 && word.endsWith("ies")) out.add(word.slice(0, -3) + "y");
  if (n > 4 && /(ches|shes|xes|sses|oes)$/.test(word)) out.add(word.slice(0, -2));
  if (n > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) out.add(word.slice(0, -1));
  return [...out];
}

/** Plural / inflection folding for prompt words. */
export function wordForms(word: string): string[] {
  const out = new Set<string>([word]);
  if (NO_FOLD.has(word)) return [word];
  const n = word.length;
  if (n > 4 && word.endsWith("ies")) out.add(word.slice(0, -3) + "y");
  if (n > 4 && word.endsWith("ves")) {
    out.add(word.slice(0, -3) + "f");
    out.add(word.slice(0, -3) + "fe");
  }
  if (n > 4 && /(ches|shes|xes|sses|oes)$/.test(word)) out.add(word.slice(0, -2));
  if (n > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) out.add(word.slice(0, -1));
  if (n > 5 && word.endsWith("ing")) {
    const stem = word.slice(0, -3);
    out.add(stem);
    out.add(stem + "e");
    if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) out.add(stem.slice(0, -1));
  }
  if (n > 4 && word.endsWith("ed")) {
    const stem = word.slice(0, -2);
    out.add(stem);
    out.add(word.slice(0, -1));
    if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) out.add(stem.slice(0, -1));
  }
  return [...out].filter((w) => w.length >= 1);
}
