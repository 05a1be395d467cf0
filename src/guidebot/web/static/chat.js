// guidebot's chat page: asks /v1/ask, shows replies with their citations, sends feedback.
//
// Every piece of text from the server or the person goes onto the page as text
// (textContent), never as HTML, so a question or a guide containing markup shows it
// literally. The conversation state lives here, in `conversation`, and goes back with each
// question: the server keeps none.
//
// A token (when the server needs one) comes from the page address, /#token=..., or is asked
// for once the server says 401; it is kept for this tab only (sessionStorage).
"use strict";

(function () {
  const log = document.getElementById("log");
  const form = document.getElementById("ask");
  const input = document.getElementById("question");
  const send = document.getElementById("send");
  const status = document.getElementById("status");
  const guideSelect = document.getElementById("guide");
  const restart = document.getElementById("restart");
  const heading = document.querySelector(".bar h1");
  const OPENING_WORDS = 10; // of each source's text beside its heading path
  let conversation = null;
  let busy = false;

  function takeTokenFromAddress() {
    const match = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem("guidebot-token", decodeURIComponent(match[1]));
      history.replaceState(null, "", location.pathname + location.search); // off the screen
    }
  }

  async function call(path, body) {
    // POST body as JSON (GET without); on 401 ask for the token once and try again.
    for (let attempt = 0; attempt < 2; attempt++) {
      const headers = { "Content-Type": "application/json" };
      const token = sessionStorage.getItem("guidebot-token");
      if (token) headers.Authorization = "Bearer " + token;
      const response = await fetch(path, {
        method: body === undefined ? "GET" : "POST",
        headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (response.status === 401 && attempt === 0) {
        const given = window.prompt("This guidebot needs its access token:");
        if (!given) throw new Error("guidebot needs its access token to answer.");
        sessionStorage.setItem("guidebot-token", given.trim());
        continue;
      }
      if (!response.ok) {
        let message = "guidebot could not answer (HTTP " + response.status + ").";
        try {
          message = (await response.json()).error || message;
        } catch (ignored) { /* not JSON: keep the status */ }
        const error = new Error(message);
        error.status = response.status;
        throw error;
      }
      return response.status === 204 ? null : response.json();
    }
    throw new Error("guidebot needs its access token to answer.");
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(label, onClick, className) {
    const node = element("button", className, label);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function showStatus(message) {
    status.textContent = message || "";
    status.hidden = !message;
  }

  function addTurn(className) {
    const item = element("li", "turn " + className);
    log.appendChild(item);
    return item;
  }

  function replyText(reply) {
    // `answer` is all of the reply as text (an FAQ answer's question on its first line),
    // the choices (clarify) or suggestions (decline) on its last lines: buttons instead.
    const lines = reply.answer.split("\n");
    const listed = reply.kind === "clarify" ? reply.choices.length
      : reply.kind === "decline" ? reply.suggestions.length : 0;
    return lines.slice(0, lines.length - listed).join("\n");
  }

  function headingPath(source) {
    return [source.guide].concat(source.headings).join(" › ");
  }

  function opening(text) {
    // The first words of a passage: several passages of one section share its heading
    // path, and a list of the same line repeated tells nobody which is which.
    const words = text.split(/\s+/).filter(Boolean);
    return words.slice(0, OPENING_WORDS).join(" ") + (words.length > OPENING_WORDS ? " …" : "");
  }

  function showAnswer(item, reply, first) {
    // The reply's notes, then its text with the mark of the source it quotes, its first
    // (the others are listed beside it, as the command line shows them); `first` is that
    // source's number (a later part of a reply to several questions does not start at 1).
    if (reply.notes.length) item.appendChild(element("p", "notes", reply.notes.join(" ")));
    const answer = element("p", "answer", replyText(reply));
    if (reply.kind === "answer" && reply.sources.length) {
      answer.appendChild(document.createTextNode(" "));
      answer.appendChild(element("span", "cite", "[" + first + "]"));
    }
    item.appendChild(answer);
  }

  function showReply(reply, question) {
    const item = addTurn("bot");
    item.tabIndex = -1; // focusable by script, so a screen reader lands on the new reply
    if (reply.parts.length) {
      // A message of several questions: each part under the question it answers, its
      // sources numbered on from the part before, as in the list of all sources below.
      let first = 1;
      reply.parts.forEach(function (part) {
        const block = element("div", "part");
        block.appendChild(element("p", "part-question", "› " + part.question));
        showAnswer(block, part, first);
        item.appendChild(block);
        first += part.sources.length;
      });
    } else {
      showAnswer(item, reply, 1);
    }
    if (reply.kind === "clarify") {
      addOptions(item, "Which one?", reply.choices, function (choice, n) {
        ask(String(n + 1), choice); // the number picks it, as in the chat app
      });
    }
    if (reply.kind === "decline") addOptions(item, "Try instead", reply.suggestions, askIt);
    if (reply.see_also.length) addOptions(item, "See also", reply.see_also, askIt);
    if (reply.sources.length) {
      item.appendChild(element("h2", "", "Sources"));
      const list = element("ol", "sources");
      reply.sources.forEach(function (source) {
        const entry = element("li");
        const details = element("details");
        const summary = element("summary", "", headingPath(source));
        summary.appendChild(element("span", "opening", " — " + opening(source.text)));
        details.appendChild(summary);
        details.appendChild(element("blockquote", "", source.text));
        entry.appendChild(details);
        list.appendChild(entry);
      });
      item.appendChild(list);
    }
    if (reply.kind === "answer") addFeedback(item, reply, question);
    return item;
  }

  function askIt(text) {
    ask(text, text);
  }

  function addOptions(item, heading, options, pick) {
    if (!options.length) return;
    item.appendChild(element("h2", "", heading));
    const group = element("div", "options");
    options.forEach(function (option, n) {
      group.appendChild(button(option, function () { pick(option, n); }));
    });
    item.appendChild(group);
  }

  function addFeedback(item, reply, question) {
    const row = element("div", "feedback");
    row.appendChild(element("span", "", "Was this helpful?"));
    const yes = button("Yes", function () { judge(true); }, "quiet");
    const no = button("No", function () { judge(false); }, "quiet");
    row.appendChild(yes);
    row.appendChild(no);
    item.appendChild(row);

    async function judge(helpful) {
      yes.disabled = no.disabled = true;
      try {
        // The question as read ("1" alone, after a question asked back, says nothing)
        const asked = reply.read_as || question;
        await call("/v1/feedback", { question: asked, reply: reply, helpful: helpful });
        row.replaceChildren(element("span", "", "Thanks — your feedback was recorded."));
      } catch (error) {
        yes.disabled = no.disabled = false;
        showStatus(error.message);
      }
      input.focus();
    }
  }

  async function ask(question, shown) {
    if (busy || !question.trim()) return;
    busy = true;
    send.disabled = true;
    showStatus("");
    addTurn("mine").textContent = shown;
    try {
      const body = { question: question, conversation: conversation };
      if (guideSelect.value) body.guide = guideSelect.value;
      let data;
      try {
        data = await call("/v1/ask", body);
      } catch (error) {
        // A state this server cannot take back (say, its guides changed since): the
        // question is asked again as the start of a new conversation.
        if (error.status !== 422 || !conversation || !/^conversation/.test(error.message)) {
          throw error;
        }
        conversation = body.conversation = null;
        data = await call("/v1/ask", body);
      }
      conversation = data.conversation;
      // feedback names what the person asked: for a picked choice, its heading, not "2"
      const item = showReply(data.reply, shown);
      item.scrollIntoView({ block: "start" });
      const firstOption = item.querySelector(".options button");
      (data.reply.kind === "clarify" && firstOption ? firstOption : input).focus();
    } catch (error) {
      showStatus(error.message);
      input.focus();
    } finally {
      busy = false;
      send.disabled = false;
    }
  }

  async function loadGuides() {
    try {
      const data = await call("/v1/guides");
      // An example from this knowledge, not one written for another guide
      if (data.example) input.placeholder = "Ask a question, e.g. " + data.example;
      if (data.guides.length === 1) {
        // A help desk's page names its guide, as the chat app's title bar does
        heading.textContent = data.guides[0].title;
        document.title = data.guides[0].title + " · guidebot";
      }
      if (data.guides.length < 2) return; // one guide: nothing to choose
      data.guides.forEach(function (guide) {
        const option = element("option", "", guide.title);
        option.value = guide.slug;
        guideSelect.appendChild(option);
      });
      guideSelect.closest("label").hidden = false;
    } catch (error) {
      showStatus(error.message);
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault(); // Enter in the box sends, as the button does
    if (busy) return; // the question stays in the box until the last answer is in
    const question = input.value;
    input.value = "";
    ask(question, question);
  });
  restart.addEventListener("click", function () {
    conversation = null;
    log.replaceChildren();
    showStatus("");
    input.focus();
  });
  guideSelect.addEventListener("change", function () { conversation = null; });

  takeTokenFromAddress();
  loadGuides();
})();
