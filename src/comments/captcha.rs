//! The math captcha: `a op b = c` with one of the three blank, numbers as
//! digits or words, and always exactly one whole-number answer from 0 to 99.
//! Pure logic, so it is tested on the host over many seeds.

/// An arithmetic operation the captcha can ask about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// `+`
    Add,
    /// `−`
    Sub,
    /// `×`
    Mul,
    /// `÷`
    Div,
}

impl Op {
    /// Reads a site-config name (`+`, `-`, `*`, `/`, or the words).
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim() {
            "+" | "add" | "plus" => Some(Self::Add),
            "-" | "−" | "subtract" | "minus" => Some(Self::Sub),
            "*" | "×" | "x" | "multiply" | "times" => Some(Self::Mul),
            "/" | "÷" | "divide" => Some(Self::Div),
            _ => None,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Self::Add => "+",
            Self::Sub => "−",
            Self::Mul => "×",
            Self::Div => "÷",
        }
    }

    fn spoken(self) -> &'static str {
        match self {
            Self::Add => "plus",
            Self::Sub => "minus",
            Self::Mul => "times",
            Self::Div => "divided by",
        }
    }

    /// Whether `a op b = c` holds exactly, in whole numbers.
    pub fn holds(self, a: u32, b: u32, c: u32) -> bool {
        match self {
            Self::Add => a + b == c,
            Self::Sub => a >= b && a - b == c,
            Self::Mul => a * b == c,
            Self::Div => b != 0 && a.is_multiple_of(b) && a / b == c,
        }
    }
}

/// How numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// `7`
    Digits,
    /// `seven`
    Words,
    /// Some of each, chosen per number.
    Mixed,
}

impl NumberStyle {
    /// Reads a site-config name; anything unknown is digits.
    pub fn parse(name: &str) -> Self {
        match name.trim() {
            "words" => Self::Words,
            "mixed" => Self::Mixed,
            _ => Self::Digits,
        }
    }
}

/// Which term of the equation the visitor fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Blank {
    /// The first operand.
    A,
    /// The second operand.
    B,
    /// The result.
    C,
}

/// One piece of an equation as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A number, as digits or a word.
    Number(String),
    /// The operator symbol.
    Operator(&'static str),
    /// The `=` sign.
    Equals,
    /// Where the answer goes.
    Blank,
}

/// A captcha question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Equation {
    /// First operand.
    pub a: u32,
    /// The operation.
    pub op: Op,
    /// Second operand.
    pub b: u32,
    /// Result.
    pub c: u32,
    /// Which of `a`, `b` and `c` is hidden.
    pub blank: Blank,
    words: [bool; 3],
}

/// The outcome of checking a visitor's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Correct.
    Right,
    /// Nothing typed.
    Empty,
    /// A number (or text) that is not the answer.
    Wrong,
}

impl Equation {
    /// The number that belongs in the blank.
    pub fn answer(&self) -> u32 {
        match self.blank {
            Blank::A => self.a,
            Blank::B => self.b,
            Blank::C => self.c,
        }
    }

    /// A key that identifies the question, to refuse reusing it once solved.
    pub fn key(&self) -> (u32, Op, u32, Blank) {
        (self.a, self.op, self.b, self.blank)
    }

    /// The equation as shown: numbers, operator, `=` and the blank.
    pub fn pieces(&self) -> [Piece; 5] {
        let term = |value: u32, index: usize, blank: Blank| {
            if self.blank == blank {
                Piece::Blank
            } else if self.words[index] {
                Piece::Number(number_words(value))
            } else {
                Piece::Number(value.to_string())
            }
        };
        [
            term(self.a, 0, Blank::A),
            Piece::Operator(self.op.symbol()),
            term(self.b, 1, Blank::B),
            Piece::Equals,
            term(self.c, 2, Blank::C),
        ]
    }

    /// The equation read aloud, as a screen reader should hear it:
    /// "blank minus 7 equals 2".
    pub fn spoken(&self) -> String {
        self.pieces()
            .iter()
            .map(|piece| match piece {
                Piece::Number(n) => n.clone(),
                Piece::Operator(_) => self.op.spoken().to_owned(),
                Piece::Equals => "equals".to_owned(),
                Piece::Blank => "blank".to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Checks what the visitor typed: digits, or the number in words.
    pub fn check(&self, typed: &str) -> Answer {
        let typed = typed.trim();
        if typed.is_empty() {
            return Answer::Empty;
        }
        let value = typed.parse::<u32>().ok().or_else(|| words_number(typed));
        if value == Some(self.answer()) {
            Answer::Right
        } else {
            Answer::Wrong
        }
    }
}

/// A seed from a page's address (FNV-1a), the same on every machine.
pub fn seed_for_page(path: &str) -> u64 {
    path.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A small, fast pseudo-random generator (xorshift64*), seeded by the caller.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from any seed (zero is replaced).
    pub fn new(seed: u64) -> Self {
        Self(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u32, high: u32) -> u32 {
        low + (self.next() % u64::from(high - low + 1)) as u32
    }
}

/// A new equation using one of `ops` (addition and subtraction if empty).
pub fn generate(rng: &mut Rng, ops: &[Op], style: NumberStyle) -> Equation {
    let ops = if ops.is_empty() {
        &[Op::Add, Op::Sub][..]
    } else {
        ops
    };
    let op = ops[rng.between(0, ops.len() as u32 - 1) as usize];
    let (a, b, c) = match op {
        Op::Add => {
            let a = rng.between(1, 20);
            let b = rng.between(1, 20);
            (a, b, a + b)
        }
        Op::Sub => {
            let a = rng.between(2, 30);
            let b = rng.between(1, a - 1);
            (a, b, a - b)
        }
        // No zero factors: `0 × ? = 0` would have every number as answer.
        Op::Mul => {
            let a = rng.between(2, 9);
            let b = rng.between(2, 9);
            (a, b, a * b)
        }
        Op::Div => {
            let b = rng.between(2, 9);
            let c = rng.between(1, 9);
            (b * c, b, c)
        }
    };
    let blank = match rng.between(0, 2) {
        0 => Blank::A,
        1 => Blank::B,
        _ => Blank::C,
    };
    let words = match style {
        NumberStyle::Digits => [false; 3],
        NumberStyle::Words => [true; 3],
        NumberStyle::Mixed => {
            let mut w = [
                rng.between(0, 1) == 1,
                rng.between(0, 1) == 1,
                rng.between(0, 1) == 1,
            ];
            // Mixed means mixed: at least one of each among the shown numbers.
            let shown: Vec<usize> = [Blank::A, Blank::B, Blank::C]
                .iter()
                .enumerate()
                .filter(|(_, b)| **b != blank)
                .map(|(i, _)| i)
                .collect();
            w[shown[0]] = true;
            w[shown[1]] = false;
            w
        }
    };
    Equation {
        a,
        op,
        b,
        c,
        blank,
        words,
    }
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// English words for 0 to 99 ("forty-two"); larger numbers as digits.
pub fn number_words(n: u32) -> String {
    match n {
        0..=19 => ONES[n as usize].to_owned(),
        20..=99 if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_owned(),
        20..=99 => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

fn words_number(text: &str) -> Option<u32> {
    let text = text.to_lowercase().replace(' ', "-");
    (0..=99).find(|n| number_words(*n) == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Op; 4] = [Op::Add, Op::Sub, Op::Mul, Op::Div];

    /// Every whole number from 0 to 99 that fits the blank.
    fn solutions(eq: &Equation) -> Vec<u32> {
        (0..=99)
            .filter(|&x| match eq.blank {
                Blank::A => eq.op.holds(x, eq.b, eq.c),
                Blank::B => eq.op.holds(eq.a, x, eq.c),
                Blank::C => eq.op.holds(eq.a, eq.b, x),
            })
            .collect()
    }

    #[test]
    fn every_equation_has_exactly_one_answer_between_0_and_99() {
        let mut seen_ops = std::collections::HashSet::new();
        let mut seen_blanks = std::collections::HashSet::new();
        for seed in 1..20_000_u64 {
            let eq = generate(&mut Rng::new(seed), &ALL, NumberStyle::Digits);
            assert!(eq.op.holds(eq.a, eq.b, eq.c), "{eq:?}");
            assert!(eq.a <= 99 && eq.b <= 99 && eq.c <= 99, "{eq:?}");
            assert_eq!(solutions(&eq), vec![eq.answer()], "{eq:?}");
            seen_ops.insert(eq.op);
            seen_blanks.insert(eq.blank);
        }
        assert_eq!(seen_ops.len(), 4, "every operation comes up");
        assert_eq!(seen_blanks.len(), 3, "every position comes up");
    }

    #[test]
    fn default_operations_are_addition_and_subtraction() {
        for seed in 1..2_000 {
            let eq = generate(&mut Rng::new(seed), &[], NumberStyle::Digits);
            assert!(matches!(eq.op, Op::Add | Op::Sub));
        }
    }

    /// The reference page's equation: `[ ] − 7 = 2`.
    fn blank_minus_seven_equals_two() -> Equation {
        Equation {
            a: 9,
            op: Op::Sub,
            b: 7,
            c: 2,
            blank: Blank::A,
            words: [false; 3],
        }
    }

    #[test]
    fn reads_aloud_with_the_blank() {
        let eq = blank_minus_seven_equals_two();
        assert_eq!(eq.spoken(), "blank minus 7 equals 2");
        let eq = Equation {
            a: 6,
            op: Op::Div,
            b: 3,
            c: 2,
            blank: Blank::C,
            words: [true, false, false],
        };
        assert_eq!(eq.spoken(), "six divided by 3 equals blank");
        assert_eq!(eq.pieces()[1], Piece::Operator("÷"));
    }

    #[test]
    fn words_and_mixed_styles() {
        for seed in 1..500 {
            let eq = generate(&mut Rng::new(seed), &ALL, NumberStyle::Words);
            assert!(
                !eq.spoken().chars().any(|c| c.is_ascii_digit()),
                "{}",
                eq.spoken()
            );
            let eq = generate(&mut Rng::new(seed), &ALL, NumberStyle::Mixed);
            let spoken = eq.spoken();
            assert!(spoken.chars().any(|c| c.is_ascii_digit()), "{spoken}");
            assert!(
                spoken.split(' ').any(|w| words_number(w).is_some()),
                "{spoken}"
            );
        }
    }

    #[test]
    fn checks_answers_typed_as_digits_or_words() {
        let eq = blank_minus_seven_equals_two();
        assert_eq!(eq.check(" 9 "), Answer::Right);
        assert_eq!(eq.check("Nine"), Answer::Right);
        assert_eq!(eq.check(""), Answer::Empty);
        assert_eq!(eq.check("   "), Answer::Empty);
        assert_eq!(eq.check("8"), Answer::Wrong);
        assert_eq!(eq.check("nine!"), Answer::Wrong);
    }

    #[test]
    fn number_words_cover_0_to_99() {
        assert_eq!(number_words(0), "zero");
        assert_eq!(number_words(13), "thirteen");
        assert_eq!(number_words(40), "forty");
        assert_eq!(number_words(99), "ninety-nine");
        for n in 0..=99 {
            assert_eq!(words_number(&number_words(n)), Some(n));
        }
        assert_eq!(words_number("forty two"), Some(42));
    }

    #[test]
    fn reads_operation_names_from_the_config() {
        assert_eq!(Op::parse("+"), Some(Op::Add));
        assert_eq!(Op::parse("×"), Some(Op::Mul));
        assert_eq!(Op::parse("/"), Some(Op::Div));
        assert_eq!(Op::parse("%"), None);
        assert_eq!(NumberStyle::parse("mixed"), NumberStyle::Mixed);
        assert_eq!(NumberStyle::parse("roman"), NumberStyle::Digits);
    }
}
