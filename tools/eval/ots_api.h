// The part of libots-1 (Open Text Summarizer 0.5, Rotem 2003) that
// ots_ranker.cc uses, declared here because libots.h includes <glib.h> and
// the GLib development headers are not a project dependency. The structs
// mirror the public layouts of libots.h (unchanged since 0.5.0, 2007) up to
// the last field read; only pointers to them are created by the library.
#ifndef PRECIS_TOOLS_EVAL_OTS_API_H_
#define PRECIS_TOOLS_EVAL_OTS_API_H_

extern "C" {

struct OtsGList {  // GLib's GList.
  void* data;
  OtsGList* next;
  OtsGList* prev;
};

struct OtsSentence {
  OtsGList* words;  // char*, including " " and "\n" separator words.
  long score;       // glong, set by ots_grade_doc.
  int selected;     // gboolean
  int wc;           // gint
  void* user_data;
};

struct OtsArticle {
  OtsGList* lines;  // OtsSentence*
  int line_count;
  // Further fields are private to libots.
};

OtsArticle* ots_new_article(void);
void ots_free_article(OtsArticle* article);
// Loads /usr/share/ots/<name>.xml; 0 when there is no such dictionary.
int ots_load_xml_dictionary(OtsArticle* article, const unsigned char* name);
OtsSentence* ots_append_line(OtsArticle* article);
void ots_append_word(OtsSentence* line, const unsigned char* word);
void ots_grade_doc(OtsArticle* article);

}  // extern "C"

#endif  // PRECIS_TOOLS_EVAL_OTS_API_H_
