// Test support: a deterministic corpus of short news articles written from sentences of our
// own, in five sections, for the engine's segment tests in a clone without ../shared (the
// BBC corpus there is the larger check). Same seed, same articles, on every machine.

import { item, type Fixture } from './test-fixtures';
// The benchmark's seeded generator: the same numbers on every machine.
import { rng } from '../../bench/corpus';

const SECTIONS: Record<string, { heads: string[]; lines: string[] }> = {
  business: {
    heads: [
      'Oil prices climb as supply tightens',
      'Central bank holds interest rates',
      'Economy grows faster than expected',
      'Retail sales slow in the spring',
      'Shares fall after profit warning',
    ],
    lines: [
      'Oil prices rose again on Monday as traders weighed the latest supply figures.',
      'The central bank kept interest rates unchanged and said inflation was easing.',
      'Economists said the economy had grown for a third quarter in a row.',
      'The bank warned that higher rates would weigh on borrowing for months.',
      'Retailers reported weaker sales and blamed the cold weather.',
      'The company said profits would fall short of forecasts this year.',
      'Investors sold shares in airlines as fuel costs rose.',
      'The finance minister promised to cut the deficit without raising taxes.',
    ],
  },
  politics: {
    heads: [
      'Prime minister faces questions over budget',
      'Election date set for the autumn',
      'Government unveils housing plan',
      'Opposition calls for inquiry',
      'Minister resigns over remarks',
    ],
    lines: [
      'The prime minister told parliament that the budget would protect public services.',
      'The government said it would build more homes in the next five years.',
      'Voters will go to the polls in the general election in October.',
      'The opposition leader said the minister had misled the house.',
      'A spokesman for the prime minister declined to comment on the report.',
      'The electoral commission said turnout had risen in local elections.',
      'Campaigners urged the government to publish the full report.',
      'The minister said the policy would be reviewed after the election.',
    ],
  },
  sport: {
    heads: [
      'Chelsea beat Arsenal in London derby',
      'Late goal settles cup tie',
      'Coach praises young squad',
      'Champion retains title in final',
      'Injury rules striker out of match',
    ],
    lines: [
      'Chelsea scored twice in the second half to beat Arsenal at Stamford Bridge.',
      'Arsenal had the better of the opening minutes but could not find a goal.',
      'The coach said his young squad had shown great character in the cup.',
      'The champion won the final in straight sets to retain the title.',
      'The striker will miss the next match with a knee injury.',
      'Fans celebrated long into the night after the late winner.',
      'The referee was criticised for a penalty decision in the first half.',
      'The club confirmed the signing of a defender on a three-year deal.',
    ],
  },
  entertainment: {
    heads: [
      'Film wins top prize at festival',
      'Band announces reunion tour',
      'Music awards shortlist revealed',
      'Director returns with new film',
      'Singer tops the charts again',
    ],
    lines: [
      'The film won the top prize at the festival after a standing ovation.',
      'The band will play twenty dates next year, their first tour in a decade.',
      'The shortlist for the music awards includes three debut albums.',
      'The director said the new film was the hardest she had ever made.',
      'The singer topped the charts for a fourth week with her latest single.',
      'Critics praised the performances but found the story slow.',
      'The musical opens in the West End next month.',
      'Ticket sales for the film were the highest of the year.',
    ],
  },
  tech: {
    heads: [
      'Phone maker unveils new handset',
      'Broadband speeds rise across the country',
      'Games console sales break records',
      'Security flaw found in popular software',
      'Start-up raises funds for electric cars',
    ],
    lines: [
      'The new handset has a larger screen and a longer battery life.',
      'Average broadband speeds rose by a fifth over the past year.',
      'Sales of the games console broke records over the holiday season.',
      'Researchers found a security flaw that could let attackers read messages.',
      'The start-up raised money to build electric cars for city streets.',
      'Users were urged to update their software as soon as possible.',
      'The firm said its music streaming service now had ten million users.',
      'Analysts expect the market for electronic books to double.',
    ],
  },
};

/** `n` articles, each a headline and eight to fourteen sentences of its section, dates and tags spread. */
export function syntheticNews(n: number): Fixture[] {
  const next = rng(20240306);
  const names = Object.keys(SECTIONS);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  return Array.from({ length: n }, (_, i) => {
    const section = names[i % names.length];
    const { heads, lines } = SECTIONS[section];
    const sentences = Array.from({ length: 8 + Math.floor(next() * 7) }, () => pick(lines));
    return item({
      id: `syn-${section}-${String(i).padStart(5, '0')}`,
      title: `${pick(heads)} (${i})`,
      body: sentences.join(' '),
      tags: [section],
      source: 'Synthetic News',
      published: `20${String(10 + (i % 15)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-15`,
    });
  });
}
