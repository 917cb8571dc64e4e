import { describe, expect, it } from 'vitest';
import { locateKeyPhrases, questionType, sentenceFitsType } from '../../src/answer/questionType.js';

describe('questionType', () => {
  it('reads the kind of fact from the question words', () => {
    expect(questionType('How many drones were used?')).toBe('number');
    expect(questionType('What percentage of voters agreed?')).toBe('number');
    expect(questionType('When does the treaty expire?')).toBe('date');
    expect(questionType('In what year was it built?')).toBe('date');
    expect(questionType('Who leads NATO?')).toBe('person');
    expect(questionType('Where are the talks held?')).toBe('place');
    expect(questionType('Why did prices rise?')).toBe('other');
  });

  it('tells an age apart from other numbers', () => {
    expect(questionType('How old is Darren Campbell?')).toBe('age');
    expect(questionType('at what age did she retire')).toBe('age');
    expect(questionType('How long will he be out?')).toBe('number');
  });

  it('tells a sum of money apart from other numbers', () => {
    expect(questionType('How much did Yeahronimo pay for Commodore?')).toBe('money');
    expect(questionType('how much will tickets to the museum cost')).toBe('money');
    expect(questionType('How much weight did he put on?')).toBe('number');
    expect(questionType("by how much did Wimpey's profits grow")).toBe('number');
  });

  it('reads a sum or a name asked for by what it is called', () => {
    expect(questionType('what fee have the club agreed')).toBe('money');
    expect(questionType('What salary does the new chief get?')).toBe('money');
    expect(questionType('What share of the market does it hold?')).toBe('number');
    expect(questionType("what is the title of Hague's next book")).toBe('name');
    expect(questionType('What company bought the brand?')).toBe('name');
    expect(questionType('What did the scan show?')).toBe('other');
  });
});

describe('sentenceFitsType', () => {
  const none = new Set<string>();
  it('finds a sum of money as news writes it, not just any number', () => {
    for (const sum of ['£102m', '$25m', '20bn yen', '3,000 euros', '$ 15,000']) {
      expect(sentenceFitsType('money', `It went for ${sum} in the end.`, none)).toBe(true);
    }
    expect(sentenceFitsType('money', 'It bought two companies in 2004.', none)).toBe(false);
  });

  it('finds a name the question does not give for a question asking for one', () => {
    const sentence = 'The brand went to Yeahronimo.';
    expect(sentenceFitsType('name', sentence, new Set(['brand']))).toBe(true);
    expect(sentenceFitsType('name', sentence, new Set(['brand', 'yeahronimo']))).toBe(false);
  });

  it('counts no name the question gives in another form as new', () => {
    const asked = (question: string) => new Set(question.toLowerCase().split(' '));
    const visit = "Gordon Brown has visited Kenya's biggest shantytown.";
    expect(
      sentenceFitsType('name', visit, asked('which kenyan shantytown did gordon brown visit')),
    ).toBe(false);
    expect(sentenceFitsType('name', visit, asked('which shantytown did gordon brown visit'))).toBe(
      true,
    );
    const game = 'Luckily, Half-Life 2 is up to the challenge.';
    expect(sentenceFitsType('person', game, asked('who made half life 2'))).toBe(false);
    expect(sentenceFitsType('person', 'It was made by Valve.', asked('who made half life 2'))).toBe(
      true,
    );
    // A short stem is no root: "Mark" is a name, not a form of "market".
    expect(
      sentenceFitsType('person', 'Shares rose, said Mark.', asked('who spoke on the market')),
    ).toBe(true);
  });

  it('finds quantities, dates and new names', () => {
    expect(sentenceFitsType('number', 'It launched 71 missiles.', none)).toBe(true);
    expect(sentenceFitsType('number', 'It launched missiles.', none)).toBe(false);
    expect(sentenceFitsType('number', 'Hundreds of fans came to the tennis.', none)).toBe(true);
    expect(sentenceFitsType('number', 'The quarterback won the tennis tender.', none)).toBe(false);
    expect(sentenceFitsType('date', 'The treaty expires on Thursday.', none)).toBe(true);
    expect(sentenceFitsType('date', 'It was built in 1889.', none)).toBe(true);
    expect(
      sentenceFitsType('place', 'Talks are held in Abu Dhabi.', new Set(['talks', 'held'])),
    ).toBe(true);
  });

  it('wants an age written as news writes one, not any number', () => {
    for (const sentence of [
      'The 31-year-old won Olympic silver.',
      'Mr Ebbers, 63, is accused of fraud.',
      'He has died aged 91 at his home.',
      'She retired at 22 after surgery.',
    ])
      expect(sentenceFitsType('age', sentence, none), sentence).toBe(true);
    expect(sentenceFitsType('age', 'They won a $1m prize in 2005.', none)).toBe(false);
  });

  it('does not count names the question already contains', () => {
    expect(sentenceFitsType('person', 'The talks involved NATO.', new Set(['nato']))).toBe(false);
  });
});

describe('locateKeyPhrases', () => {
  const phrases = (type: Parameters<typeof locateKeyPhrases>[0], sentence: string) =>
    locateKeyPhrases(type, sentence, new Set()).map((r) => sentence.slice(r.start, r.end));

  it('shows a quantity with its whole unit, and no unit that starts another word', () => {
    expect(
      phrases('number', 'Sales were 3.9 million cars, up 2.1%, or 7 per cent in value.'),
    ).toEqual(['3.9 million', '2.1%', '7 per cent']);
    expect(phrases('number', 'About 10 men walked 5km for £25m and fifteen medals.')).toEqual([
      '10',
      '5km',
      '£25m',
      'fifteen',
    ]);
  });
});
