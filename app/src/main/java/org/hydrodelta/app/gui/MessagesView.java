package org.hydrodelta.app.gui;

import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;

/** The messages tab: every status line, notice and warning of the session, newest last; warnings only on demand. */
public final class MessagesView extends BorderPane {
    private final FilteredList<MessageLog.Entry> shown;

    /** @param log the session's messages */
    public MessagesView(MessageLog log) {
        setId("messagesView");
        shown = new FilteredList<>(log.entries(), e -> true);
        ListView<MessageLog.Entry> list = new ListView<>(shown);
        list.setId("messageList");
        list.setPlaceholder(new Label("No messages yet."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(MessageLog.Entry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : e.toString());
                setStyle(empty || e == null ? "" : switch (e.severity()) {
                    case ERROR -> "-fx-text-fill: #b00020;";
                    case WARNING -> "-fx-text-fill: #8a5a00;";
                    case NOTICE -> "-fx-font-weight: bold;";
                    default -> "";
                });
            }
        });
        ToggleButton problems = new ToggleButton("Warnings and errors only");
        problems.setId("messagesProblemsOnly");
        Label count = new Label();
        Runnable recount = () -> count.setText(shown.size() + " of " + log.entries().size() + " messages");
        problems.selectedProperty().addListener((o, a, on) -> {
            shown.setPredicate(on ? e -> e.severity() == MessageLog.Severity.WARNING
                    || e.severity() == MessageLog.Severity.ERROR : e -> true);
            recount.run();
        });
        shown.addListener((javafx.collections.ListChangeListener<MessageLog.Entry>) c -> recount.run());
        recount.run();
        Button copy = new Button("Copy");
        copy.setOnAction(e -> {
            ClipboardContent text = new ClipboardContent();
            text.putString(String.join(System.lineSeparator(), shown.stream().map(MessageLog.Entry::toString)
                    .toList()));
            Clipboard.getSystemClipboard().setContent(text);
        });
        setTop(new ToolBar(problems, copy, count));
        setCenter(list);
        setPadding(new Insets(0));
    }

    /** @return the messages shown (all, or warnings and errors only) */
    public FilteredList<MessageLog.Entry> shown() {
        return shown;
    }
}
