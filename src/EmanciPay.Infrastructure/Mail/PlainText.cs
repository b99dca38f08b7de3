using System.Text;
using AngleSharp.Dom;

namespace EmanciPay.Infrastructure.Mail;

/// <summary>
/// The plain-text part of a mail, read from its rendered HTML: paragraphs apart by a blank line, a table row per line
/// with its cells as "label: value", and each link as "text: address" so that it can be opened from any mail client.
/// </summary>
internal static class PlainText
{
    public static string From(IElement body)
    {
        var writer = new Writer();
        writer.Node(body);
        return writer.ToString();
    }

    private sealed class Writer
    {
        private readonly StringBuilder text = new();
        private int pendingLineBreaks;

        public void Node(INode node)
        {
            if (node is IText textNode)
            {
                Write(textNode.Data);
            }
            else if (node is IElement element)
            {
                Element(element);
            }
        }

        public override string ToString() => text.ToString().TrimEnd() + "\n";

        private void Element(IElement element)
        {
            var name = element.LocalName;
            if (name is "script" or "style" or "head" or "title")
            {
                return;
            }

            if (name == "br")
            {
                BreakLine(1);
                return;
            }

            if (name == "a" && element.GetAttribute("href") is { Length: > 0 } href)
            {
                var label = Collapse(element.TextContent).Trim();
                Write(label.Length == 0 || label == href ? href : $"{label}: {href}");
                return;
            }

            if (name is "td" or "th" && element.PreviousElementSibling is not null)
            {
                TrimTrailingSpace();
                Write(": ");
            }

            var lineBreaks = name switch
            {
                "p" or "div" or "table" or "ul" or "ol" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote" => 2,
                "tr" or "li" => 1,
                _ => 0,
            };
            BreakLine(lineBreaks);
            if (name == "li")
            {
                Write("- ");
            }

            foreach (var child in element.ChildNodes)
            {
                Node(child);
            }

            BreakLine(lineBreaks);
        }

        /// <summary>Asks for the next text to start that many lines down (never at the very start).</summary>
        private void BreakLine(int lines) => pendingLineBreaks = Math.Max(pendingLineBreaks, lines);

        /// <summary>Writes text as a browser shows it: any run of HTML white space is one space, none at a line's start.</summary>
        private void Write(string raw)
        {
            var chunk = Collapse(raw);
            if (pendingLineBreaks > 0 && chunk.Trim().Length > 0)
            {
                if (text.Length > 0)
                {
                    TrimTrailingSpace();
                    text.Append('\n', pendingLineBreaks);
                }

                pendingLineBreaks = 0;
            }

            var atLineStart = text.Length == 0 || text[^1] == '\n';
            if ((atLineStart || text[^1] == ' ') && chunk.StartsWith(' '))
            {
                chunk = chunk[1..];
            }

            text.Append(chunk);
        }

        private void TrimTrailingSpace()
        {
            while (text.Length > 0 && text[^1] == ' ')
            {
                text.Length--;
            }
        }

        private static string Collapse(string raw)
        {
            var collapsed = new StringBuilder(raw.Length);
            foreach (var c in raw)
            {
                var isSpace = c is ' ' or '\t' or '\n' or '\r' or '\f';
                if (!isSpace)
                {
                    collapsed.Append(c);
                }
                else if (collapsed.Length == 0 || collapsed[^1] != ' ')
                {
                    collapsed.Append(' ');
                }
            }

            return collapsed.ToString();
        }
    }
}
