using System.Globalization;
using System.Text;

namespace JwtBlog.Web.Features.Blog;

// The PostgreSQL search's highlight and snippet, made like FTS5's: a word is a run of letters, digits and marks, and
// a word that starts with a searched prefix is put between PostSearch.MatchStart and MatchEnd.
public static class SearchExcerpt
{
    public readonly record struct Word(int Start, string Text)
    {
        public int End => Start + Text.Length;
    }

    public static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && IsWordCharacter(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(new Word(start, text[start..i]));
                start = -1;
            }
        }

        return words;
    }

    // At most maxWords words of text, around the first match, with "…" where text was left out.
    public static string Highlight(string text, IReadOnlyCollection<string> prefixes, int maxWords)
    {
        var words = Words(text);
        var matches = words.Select(word => IsMatch(word.Text, prefixes)).ToList();
        var from = 0;
        var to = words.Count;
        if (words.Count > maxWords)
        {
            var first = Math.Max(matches.IndexOf(true), 0);
            from = Math.Max(0, Math.Min(first - (maxWords / 4), words.Count - maxWords));
            to = from + maxWords;
        }

        var excerpt = new StringBuilder();
        if (from > 0)
        {
            excerpt.Append('…');
        }

        var position = from == 0 ? 0 : words[from].Start;
        for (var i = from; i < to; i++)
        {
            excerpt.Append(text, position, words[i].Start - position);
            excerpt.Append(matches[i] ? PostSearch.MatchStart + words[i].Text + PostSearch.MatchEnd : words[i].Text);
            position = words[i].End;
        }

        var end = to == words.Count ? text.Length : words[to - 1].End;
        excerpt.Append(text, position, end - position);
        if (to < words.Count)
        {
            excerpt.Append('…');
        }

        return excerpt.ToString();
    }

    private static bool IsMatch(string word, IReadOnlyCollection<string> prefixes)
    {
        var lower = word.ToLowerInvariant();
        return prefixes.Any(prefix => lower.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static bool IsWordCharacter(char c) =>
        char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
