/**
 * The default text `rankUnits` and `recurrent lab units` trace: six paragraphs of Moby-Dick
 * (Herman Melville, 1851, public domain), chapter 48, "The First Lowering", verbatim from the
 * embedded corpus of `@recurrent/data` (a test checks it). Chosen because it has what the
 * features look for: dialogue in double quotes, asides in parentheses inside those quotes,
 * and line breaks between paragraphs of different lengths. It lies in the first 95% of the
 * book, the part a default char-LM run trains on: the held-out tail (the last 5%, about
 * 61,000 characters) has two parentheses in all.
 */
export const unitsTraceText = Object.freeze({
  source:
    'Herman Melville, Moby-Dick (1851), chapter 48, "The First Lowering": six paragraphs, from @recurrent/data\'s embedded corpus',
  text: `In obedience to a sign from Ahab, Starbuck was now pulling obliquely across Stubb's bow; and when for a minute or so the two boats were pretty near to each other, Stubb hailed the mate.

"Mr. Starbuck! larboard boat there, ahoy! a word with ye, sir, if ye please!"

"Halloa!" returned Starbuck, turning round not a single inch as he spoke; still earnestly but whisperingly urging his crew; his face set like a flint from Stubb's.

"What think ye of those yellow boys, sir!"

"Smuggled on board, somehow, before the ship sailed. (Strong, strong, boys!)" in a whisper to his crew, then speaking out loud again: "A sad business, Mr. Stubb! (seethe her, seethe her, my lads!) but never mind, Mr. Stubb, all for the best. Let all your crew pull strong, come what will. (Spring, my men, spring!) There's hogsheads of sperm ahead, Mr. Stubb, and that's what ye came for. (Pull, my boys!) Sperm, sperm's the play! This at least is duty; duty and profit hand in hand."

"Aye, aye, I thought as much," soliloquized Stubb, when the boats diverged, "as soon as I clapt eye on 'em, I thought so. Aye, and that's what he went into the after hold for, so often, as Dough-Boy long suspected. They were hidden down there. The White Whale's at the bottom of it. Well, well, so be it! Can't be helped! All right! Give way, men! It ain't the White Whale to-day! Give way!"`,
});
